package conversations

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/cairnbot/cairn/store"
)

// Support people and practising in the group.
//
// A member may name someone in the workspace as a step's helper, with an
// @mention ("my sister <@U123>") or Slack's people picker. Cairn then asks
// whether it may send that person one reminder before the step is due; the
// scheduler sends it (scheduler/helpers.go) only with that yes. A plain name
// ("Dana") stays a name, as before: only a mention says who in Slack.
//
// After a step is added the member can also ask, with one button, to
// practise it in the group (the facilitator guide's role-play); the same
// button, or "don't practise step 2", takes it back.

// FlowHelper asks about the helper of a step already saved ("step 2 is
// <@U123>'s"); drafts ask within their own flow.
const FlowHelper Flow = "helper"

// stageHelperOK asks "May I send <@U123> one reminder?".
const stageHelperOK Stage = "helper_ok"

const (
	// ActPickHelper is the who question's people picker. Slack renders it
	// as a users_select; what is picked comes back as PrefixHelperPicked
	// and the person's ID. Pressed where there is no picker (cairn try), it
	// asks for the person's @name.
	ActPickHelper      = "helper:pick"
	PrefixHelperPicked = "helper:user:"
	// prefixPractise names the step whose "practise this" button was
	// pressed: practise:goal:N (the Nth step of the goal being set),
	// practise:new:N (the Nth new step of a check-in), practise:step:ID.
	prefixPractise = "practise:"
)

// mention is a Slack user mention as Slack sends it in a message's text:
// <@U123> or <@U123|dana>.
var mention = regexp.MustCompile(`<@([UW][A-Z0-9]{2,20})(?:\|([^<>]{0,80}))?>`)

// Mention is how a reply names a person in Slack: <@ID>. Replies that carry
// one list its ID in Reply.Mentions.
func Mention(id string) string { return "<@" + id + ">" }

// mentionIn finds the first user mention in text: the user's ID, the label
// Slack may send with it, and text without it ("my sister").
func mentionIn(text string) (id, label, rest string, ok bool) {
	m := mention.FindStringSubmatchIndex(text)
	if m == nil {
		return "", "", "", false
	}
	id = text[m[2]:m[3]]
	if m[4] >= 0 {
		label = strings.TrimSpace(text[m[4]:m[5]])
	}
	rest = strings.Join(strings.Fields(text[:m[0]]+" "+text[m[1]:]), " ")
	rest = strings.TrimRight(rest, ".!,;: ")
	return id, label, rest, true
}

// helperOf reads a who answer that names someone in Slack: a mention with
// up to five words around it ("my sister <@U123>", "mi hermana <@U123>"), or
// a person picked (action). name is what the step shows as its owner.
func helperOf(text, action string) (id, name string, ok bool) {
	if picked, found := strings.CutPrefix(action, PrefixHelperPicked); found && mention.MatchString(Mention(picked)) {
		return picked, Mention(picked), true
	}
	id, label, rest, found := mentionIn(text)
	if !found || len(strings.Fields(rest)) > 5 || mention.MatchString(rest) {
		return "", "", false
	}
	for _, suf := range doerEndings {
		if strings.EqualFold(rest, suf) {
			rest = ""
		} else if len(rest) > len(suf) && strings.EqualFold(rest[len(rest)-len(suf)-1:], " "+suf) {
			rest = strings.TrimSpace(rest[:len(rest)-len(suf)-1])
		}
	}
	switch {
	case rest != "":
		name = rest + " " + Mention(id)
	case label != "":
		name = label + " " + Mention(id)
	default:
		name = Mention(id)
	}
	return id, name, true
}

// helperWho takes a who answer that names someone in Slack: the draft
// records them, and the member is asked whether Cairn may remind them. It
// reports whether the answer was such a one.
func (t *turn) helperWho() bool {
	s := &t.s
	if t.action == ActPickHelper {
		t.advance(stageStepWhoName)
		t.say(t.w.HelperPickTyp)
		return true
	}
	id, name, ok := helperOf(t.text, t.action)
	if !ok {
		return false
	}
	s.Draft.Owner, s.Draft.OwnerName, s.Draft.HelperID, s.Draft.HelperOK = store.OwnerPerson, name, id, false
	t.advance(stageHelperOK)
	t.ask()
	return true
}

// mentionTooEarly answers a mention given where a date or a step's words
// were asked ("<@U123>" is neither): the who question comes next, and the
// question on the table is asked again.
func (t *turn) mentionTooEarly() bool {
	s := &t.s
	if s.Stage != stageStepWhat && s.Stage != stageStepWhen && s.Stage != stageStepFar {
		return false
	}
	if _, _, ok := helperOf(t.text, ""); !ok || s.Stage == stageStepWhat && !onlyMention(t.text) {
		return false // "call <@U123> about the car" is a step's words
	}
	t.say(t.w.HelperEarly)
	t.ask()
	return true
}

// onlyMention reports whether text is a mention and at most two more words
// ("my sister <@U123>"): a person, not a thing to do.
func onlyMention(text string) bool {
	_, _, rest, ok := mentionIn(text)
	return ok && len(strings.Fields(rest)) <= 2
}

// helperQuestion is the question of stageHelperOK.
func (t *turn) helperQuestion() (Reply, bool) {
	if t.s.Stage != stageHelperOK {
		return Reply{}, false
	}
	id := t.s.Draft.HelperID
	if t.s.Flow == FlowHelper {
		if st := t.stepByID(strconv.FormatUint(t.s.Life.StepID, 10)); st != nil {
			id = st.HelperID
		}
	}
	return Reply{Text: fmt.Sprintf(t.w.HelperAsk, Mention(id)), Mentions: []string{id},
		Choices: []Choice{{t.w.HelperYes, actYes}, {t.w.HelperNo, actNo}}}, true
}

// helperAnswer takes the member's yes or no to reminding the helper.
func (t *turn) helperAnswer() {
	s := &t.s
	yes := t.action == actYes || yesWords[normalize(t.text)] || normalize(t.text) == "si" || normalize(t.text) == "sí"
	no := t.action == actNo || noWords[normalize(t.text)]
	if !yes && !no {
		t.say(t.w.HelperUnsure)
		t.ask()
		return
	}
	if s.Flow == FlowHelper {
		st := t.stepByID(strconv.FormatUint(s.Life.StepID, 10))
		t.s = State{V: stateVersion}
		if st == nil || st.HelperID == "" {
			t.say(t.w.StepNotFound)
			return
		}
		edited := *st
		edited.HelperOK = yes
		t.res.EditSteps = append(t.res.EditSteps, edited)
		t.helperSaid(yes, edited.HelperID)
		return
	}
	s.Draft.HelperOK = yes
	t.helperSaid(yes, s.Draft.HelperID)
	t.finishStep(s.Draft.Owner, s.Draft.OwnerName)
}

func (t *turn) helperSaid(yes bool, id string) {
	if yes {
		t.res.Replies = append(t.res.Replies, Reply{Text: fmt.Sprintf(t.w.HelperOKSaid, Mention(id)), Mentions: []string{id}})
		return
	}
	t.say(t.w.HelperNoSaid)
}

// helperEdit is "step 2 is <@U123>'s": the step's owner becomes that person
// and the member is asked whether Cairn may remind them. Any other owner
// leaves the step without a helper. It reports whether it took the edit.
func (t *turn) helperEdit(edited *store.Step, who string) bool {
	id, name, ok := helperOf(strings.TrimSuffix(strings.TrimSuffix(who, "'s"), "’s"), "")
	if !ok {
		edited.HelperID, edited.HelperOK = "", false // someone else's now: no reminder
		return false
	}
	if edited.HelperID != id {
		edited.HelperOK = false // a new person: ask again
	}
	edited.Owner, edited.OwnerName, edited.HelperID = store.OwnerPerson, name, id
	t.saveStepEdit(*edited)
	t.s = State{V: stateVersion, Flow: FlowHelper, Stage: stageHelperOK, Life: LifeDraft{StepID: edited.ID}}
	// The step in the context is the one before the edit: the question
	// must name the new helper, so it is asked from the edited step.
	t.c.Steps = slices.Clone(t.c.Steps)
	for i := range t.c.Steps {
		if t.c.Steps[i].ID == edited.ID {
			t.c.Steps[i] = *edited
		}
	}
	t.ask()
	return true
}

// inGroup reports whether the member meets with a group: practising a step
// happens there. Groups are not read on every turn (see Runner.HandleFrom),
// so a known next session, or a check-in for a group, is the sign.
func (t *turn) inGroup() bool {
	return t.c.GroupID != "" || !t.c.NextSession.IsZero()
}

// practiseChoice is the "practise this in the group" button for a step
// (value as prefixPractise says), labelled by whether it is on already;
// none for a member in no group.
func (t *turn) practiseChoice(value string, on bool) []Choice {
	if !t.inGroup() {
		return nil
	}
	label := t.w.PractiseOffer
	if on {
		label = t.w.PractiseUndo
	}
	return []Choice{{label, prefixPractise + value}}
}

// lastAddedAt is the index of the step lastAdded shows.
func lastAddedAt(steps []StepDraft) int {
	for i := len(steps) - 1; i >= 0; i-- {
		if !steps[i].Due.IsZero() {
			return i
		}
	}
	return len(steps) - 1
}

// stepMoreChoices are the "Add another step?" buttons, with the practise
// button for the step just added.
func (t *turn) stepMoreChoices() []Choice {
	choices := []Choice{{t.w.AddAnother, actMore}, {t.w.ThatsAll, actNoMore}}
	if at := lastAddedAt(t.s.Goal.Steps); at >= 0 {
		choices = append(choices, t.practiseChoice("goal:"+strconv.Itoa(at), t.s.Goal.Steps[at].Practise)...)
	}
	return choices
}

// practiseAsked is the practise button asked for in words.
var practiseAsked = regexp.MustCompile(`^(i'?d like to |i would like to |i want to |i wanna |can we |can i |let'?s |could we |please )?(practi[cs]e|rehearse|role ?play)( (it|this|that|this one|that one|this step))?( in (the )?group| with (the )?group| at (the )?group)?( please)?$`)

// practiseButton takes a press of a "practise this" button, in whatever
// flow it comes: the step's wish is turned on or off, and the question on
// the table is asked again. It reports whether the action was one.
func (t *turn) practiseButton() bool {
	if t.action == "" && t.s.Active() && t.text != "" {
		// The button's label typed, as any button's may be.
		if v := t.matchChoice(normalize(t.text)); strings.HasPrefix(v, prefixPractise) {
			t.action = v
		} else if practiseAsked.MatchString(normalize(t.text)) {
			// "I would like to practise this in the group", "can we practice
			// it": the button in the member's own words.
			for _, c := range t.question().Choices {
				if strings.HasPrefix(c.Value, prefixPractise) {
					t.action = c.Value
				}
			}
		}
	}
	ref, ok := strings.CutPrefix(t.action, prefixPractise)
	if !ok {
		return false
	}
	kind, n, _ := strings.Cut(ref, ":")
	i, err := strconv.ParseUint(n, 10, 64)
	var d *StepDraft
	switch {
	case err != nil:
	case kind == "goal" && t.s.Flow == FlowGoal && i < uint64(len(t.s.Goal.Steps)):
		t.s.Goal.Steps = slices.Clone(t.s.Goal.Steps) // Step is pure: the caller's state is not changed
		d = &t.s.Goal.Steps[i]
	case kind == "new" && t.s.Flow == FlowCheckIn && i < uint64(len(t.s.CheckIn.NewSteps)):
		t.s.CheckIn.NewSteps = slices.Clone(t.s.CheckIn.NewSteps)
		d = &t.s.CheckIn.NewSteps[i]
	case kind == "step":
		if st := t.stepByID(n); st != nil {
			t.setPractise(*st, !st.Practise)
			if t.s.Active() {
				t.ask()
			}
			return true
		}
	}
	if d == nil {
		t.say(t.w.PractiseGone)
	} else {
		d.Practise = !d.Practise
		t.practiseSaid(d.What, d.Practise)
	}
	if t.s.Active() {
		t.ask()
	}
	return true
}

func (t *turn) practiseSaid(what string, on bool) {
	if on {
		t.say(fmt.Sprintf(t.w.PractiseOn, what))
	} else {
		t.say(fmt.Sprintf(t.w.PractiseOff, what))
	}
}

func (t *turn) setPractise(st store.Step, on bool) {
	if st.Practise != on {
		st.Practise = on
		t.res.EditSteps = append(t.res.EditSteps, st)
	}
	t.practiseSaid(st.What, on)
}

// practiseWords are "practise step 2", "I'd like to practise the resume
// step in the group", "don't practise step 2", "practicar el paso 2", "no
// practicar el paso 2". Group 1 is the "don't"; group 2 the step.
var practiseWords = regexp.MustCompile(`^(?:i'?d like to |i want to |let me |quiero |me gustar[ií]a )?(don'?t |do not |no longer |stop |no |ya no )?(?:practi[cs]e|practicing|practising|practicar|practica)(?: (?:on|con))? (.+?)(?: (?:in|at|en) (?:the |my |el |mi )?(?:group|grupo))?$`)

// pasoRef reads the Spanish "el paso 2" as "step 2".
var pasoRef = regexp.MustCompile(`^(?:el )?paso (?:n[uú]mero )?(\d+)$`)

// practiseCommand takes "practise step 2" and "don't practise step 2"
// outside a flow. It reports whether the words were such a sentence.
func (t *turn) practiseCommand(word string) bool {
	if t.action != "" || len(t.c.Steps) == 0 {
		return false
	}
	m := practiseWords.FindStringSubmatch(word)
	if m == nil {
		return false
	}
	ref := m[2]
	if p := pasoRef.FindStringSubmatch(ref); p != nil {
		ref = "step " + p[1]
	}
	st, named := t.stepRefNamed(ref)
	if !named {
		return false
	}
	if st == nil {
		t.say(t.w.StepNotFound)
		return true
	}
	on := m[1] == ""
	if on && !t.inGroup() {
		t.say(t.w.PractiseNoGroup)
		return true
	}
	t.setPractise(*st, on)
	return true
}

// helpersTurn runs early in every turn: a "practise this" button works in
// any flow, and the practise sentences outside one; a person picked on an
// old who question is not taken as another question's answer.
func (t *turn) helpersTurn(word string) bool {
	if t.practiseButton() {
		return true
	}
	if t.s.Flow == FlowHelper && t.action == "" && (word == "stop" || word == "cancel" || word == "never mind" || word == "not now") {
		// The new owner is saved already; stopping here is a no to the
		// reminder, and saying so is truer than "nothing was saved".
		t.action = actNo
		t.helperAnswer()
		return true
	}
	if strings.HasPrefix(t.action, PrefixHelperPicked) && t.s.Active() && t.s.Stage != stageStepWho && t.s.Stage != stageStepWhoName {
		t.ask() // a person picked on an old message: the question now is another
		return true
	}
	return !t.s.Active() && t.practiseCommand(word)
}

// withMentions lists in each reply the helpers it names, so Slack shows
// them as names: only IDs Cairn knows as a helper (of a step or a draft),
// never a mention that is only the member's own text.
func (t *turn) withMentions() {
	known := map[string]bool{}
	add := func(id string) {
		if id != "" {
			known[id] = true
		}
	}
	add(t.s.Draft.HelperID)
	for _, d := range t.s.Goal.Steps {
		add(d.HelperID)
	}
	for _, d := range t.s.CheckIn.NewSteps {
		add(d.HelperID)
	}
	for _, st := range t.c.Steps {
		add(st.HelperID)
	}
	for _, st := range t.res.EditSteps {
		add(st.HelperID)
	}
	if len(known) == 0 {
		return
	}
	for i, r := range t.res.Replies {
		for _, m := range mention.FindAllStringSubmatch(r.Text, -1) {
			if known[m[1]] && !slices.Contains(r.Mentions, m[1]) {
				t.res.Replies[i].Mentions = append(slices.Clone(t.res.Replies[i].Mentions), m[1])
			}
		}
	}
}

// doerEndings are the words after a mention that say the person will do
// the step ("<@U123> will do it", "<@U123> lo hará"): understood, never said.
var doerEndings = []string{"will do it", "will", "lo hará", "la hará", "lo va a hacer"}
