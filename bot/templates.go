package bot

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/slack-go/slack"

	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/store"
)

// `/cairn templates` in a group's channel: its facilitators add and remove
// the group's own goal templates, which its members see first when they
// pick from examples at the goal question.

const (
	callbackTemplates = "group_templates"

	blockTplGoal, fieldTplGoal     = "template_goal", "template_goal_input"
	blockTplSteps, fieldTplSteps   = "template_steps", "template_steps_input"
	blockTplRemove, fieldTplRemove = "template_remove", "template_remove_input"
)

const maxTemplateLabels = 75 // Slack's limit for a checkbox's text is longer; a glance is shorter

// templatesCommand answers "/cairn templates" in a channel: the modal for
// the group's facilitators, a kind refusal for anyone else.
func (b *Bot) templatesCommand(ctx context.Context, cmd slack.SlashCommand) map[string]any {
	ephemeral := func(text string) map[string]any { return map[string]any{"response_type": "ephemeral", "text": text} }
	w := b.wordsOf(ctx, cmd.UserID)
	if !strings.HasPrefix(cmd.ChannelID, "C") && !strings.HasPrefix(cmd.ChannelID, "G") {
		return ephemeral(w.TplInChannel)
	}
	g, err := b.store.Group(ctx, cmd.ChannelID)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return ephemeral(w.GroupNoneHere)
	case err != nil:
		b.log.Error("could not load a group", "group", cmd.ChannelID, "err", err)
		return ephemeral(w.ErrTrouble)
	}
	if err := b.authorize(ctx, cmd.UserID, actEditGroup, &g, ""); err != nil {
		return ephemeral(refusalText(w, err))
	}
	existing, err := b.store.Templates(ctx, g.ID)
	if err != nil {
		b.log.Error("could not load templates", "group", g.ID, "err", err)
		return ephemeral(w.ErrTrouble)
	}
	user, trigger, view := cmd.UserID, cmd.TriggerID, templatesModal(w, g.ID, existing)
	b.enqueue(user, "templates", func(ctx context.Context) error {
		return b.openModal(ctx, trigger, view)
	})
	return map[string]any{} // the modal is the answer
}

func templatesModal(w *conversations.Words, groupID string, existing []store.Template) slack.ModalViewRequest {
	goal := slack.NewPlainTextInputBlockElement(plain(w.TplGoalPlaceholder), fieldTplGoal)
	goal.MaxLength = store.MaxTemplateText
	steps := slack.NewPlainTextInputBlockElement(plain(w.TplStepsPlaceholder), fieldTplSteps)
	steps.Multiline = true
	goalBlock := slack.NewInputBlock(blockTplGoal, plain(w.TplGoal), plain(w.TplGoalHint), goal)
	goalBlock.Optional = true
	stepsBlock := slack.NewInputBlock(blockTplSteps, plain(w.TplSteps), plain(w.TplStepsHint), steps)
	stepsBlock.Optional = true
	blocks := []slack.Block{
		slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, w.TplIntro, false, false), nil, nil),
		goalBlock, stepsBlock,
	}
	if len(existing) > 0 {
		var options []*slack.OptionBlockObject
		for _, t := range existing {
			label := t.Goal
			if r := []rune(label); len(r) > maxTemplateLabels {
				label = string(r[:maxTemplateLabels-1]) + "…"
			}
			options = append(options, slack.NewOptionBlockObject(strconv.Itoa(t.ID), plain(label), nil))
		}
		remove := slack.NewInputBlock(blockTplRemove, plain(w.TplRemove), nil,
			slack.NewCheckboxGroupsBlockElement(fieldTplRemove, options...))
		remove.Optional = true
		blocks = append(blocks, remove)
	}
	return slack.ModalViewRequest{
		Type: slack.VTModal, Title: plain(w.TplTitle), Submit: plain(w.FormSave), Close: plain(w.FormCancel),
		CallbackID: callbackTemplates, PrivateMetadata: groupID,
		Blocks: slack.Blocks{BlockSet: blocks},
	}
}

// submitTemplates removes the checked templates and adds the new one. The
// group comes from the form's hidden field, so the person is authorised
// again here.
func (b *Bot) submitTemplates(ctx context.Context, user string, v slack.View) any {
	w := b.wordsOf(ctx, user)
	g, refused := b.formGroup(ctx, user, w, v, blockTplGoal)
	if refused != nil {
		return refused
	}
	goal := strings.TrimSpace(viewValue(v, blockTplGoal, fieldTplGoal).Value)
	var steps []string
	for line := range strings.Lines(viewValue(v, blockTplSteps, fieldTplSteps).Value) {
		if line = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(line), "-•*")); line != "" {
			steps = append(steps, line)
		}
	}
	errs := map[string]string{}
	switch {
	case goal == "" && len(steps) > 0:
		errs[blockTplGoal] = w.TplNeedGoal
	case len(goal) > store.MaxTemplateText:
		errs[blockTplGoal] = fmt.Sprintf(w.TplTooLong, store.MaxTemplateText)
	}
	switch {
	case len(steps) > store.MaxTemplateSteps:
		errs[blockTplSteps] = fmt.Sprintf(w.TplTooMany, store.MaxTemplateSteps)
	case slices.ContainsFunc(steps, func(s string) bool { return len(s) > store.MaxTemplateText }):
		errs[blockTplSteps] = fmt.Sprintf(w.TplTooLong, store.MaxTemplateText)
	}
	if len(errs) > 0 {
		return slack.NewErrorsViewSubmissionResponse(errs)
	}
	for _, o := range viewValue(v, blockTplRemove, fieldTplRemove).SelectedOptions {
		id, err := strconv.Atoi(o.Value)
		if err != nil {
			continue // not one of ours: nothing to remove
		}
		if err := b.store.RemoveTemplate(ctx, g.ID, id); err != nil && !errors.Is(err, store.ErrNotFound) {
			b.log.Error("could not remove a template", "group", g.ID, "err", err)
			return slack.NewErrorsViewSubmissionResponse(map[string]string{blockTplGoal: w.ErrTrouble})
		}
	}
	if goal == "" {
		return nil
	}
	existing, err := b.store.Templates(ctx, g.ID)
	if err != nil {
		b.log.Error("could not load templates", "group", g.ID, "err", err)
		return slack.NewErrorsViewSubmissionResponse(map[string]string{blockTplGoal: w.ErrTrouble})
	}
	if slices.ContainsFunc(existing, func(t store.Template) bool { return strings.EqualFold(t.Goal, goal) }) {
		return nil // a replayed submission, or the same goal twice: one is enough
	}
	if len(existing) >= store.MaxTemplates {
		return slack.NewErrorsViewSubmissionResponse(map[string]string{blockTplGoal: fmt.Sprintf(w.TplFull, store.MaxTemplates)})
	}
	if _, err := b.store.AddTemplate(ctx, g.ID, store.Template{Goal: goal, Steps: steps, By: user}); err != nil {
		b.log.Error("could not add a template", "group", g.ID, "err", err)
		return slack.NewErrorsViewSubmissionResponse(map[string]string{blockTplGoal: w.ErrTrouble})
	}
	return nil
}
