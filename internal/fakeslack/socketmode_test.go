package fakeslack

import (
	"context"
	"encoding/json"
	"errors"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"
)

// bot runs a real socketmode client against s, acking every envelope (slash
// commands with a payload) and handing the envelopes to the test.
type bot struct {
	client *socketmode.Client
	got    chan socketmode.Event
	cancel context.CancelFunc
	done   chan error
}

func startBot(t *testing.T, s *Server, opts ...socketmode.Option) *bot {
	t.Helper()
	api := newAPI(t, s, botToken)
	ctx, cancel := context.WithCancel(context.Background())
	b := &bot{
		client: socketmode.New(api, opts...),
		got:    make(chan socketmode.Event, 32),
		cancel: cancel,
		done:   make(chan error, 1),
	}
	go func() { b.done <- b.client.RunContext(ctx) }()
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case evt := <-b.client.Events:
				var payload any
				switch evt.Type {
				case socketmode.EventTypeSlashCommand:
					payload = map[string]any{"text": "got it"}
				case socketmode.EventTypeEventsAPI, socketmode.EventTypeInteractive:
				default:
					continue
				}
				if err := b.client.AckCtx(ctx, evt.Request.EnvelopeID, payload); err != nil {
					return
				}
				select {
				case b.got <- evt:
				case <-ctx.Done():
					return
				}
			}
		}
	}()
	t.Cleanup(b.stop)
	return b
}

// stop cancels the client and waits for RunContext to return.
func (b *bot) stop() {
	b.cancel()
	if b.done != nil {
		<-b.done
		b.done = nil
	}
}

func (b *bot) next(t *testing.T, ctx context.Context) socketmode.Event {
	t.Helper()
	select {
	case evt := <-b.got:
		return evt
	case <-ctx.Done():
		t.Fatal("no envelope reached the client")
		return socketmode.Event{}
	}
}

func TestSocketModeWithSlackGo(t *testing.T) {
	s := New(WithUsers(aliceUser()), WithPingInterval(50*time.Millisecond))
	defer s.Close()
	ctx := testCtx(t)
	b := startBot(t, s)
	if err := s.Connected(ctx); err != nil {
		t.Fatal(err)
	}

	// events_api: a DM from Alice.
	envID, err := s.SendEvent(ctx, MessageEvent(alice, DMChannel(alice), "hello cairn"))
	if err != nil {
		t.Fatal(err)
	}
	ack, err := s.WaitForAck(ctx, envID)
	if err != nil || ack.Payload != nil {
		t.Fatalf("ack = %+v, %v", ack, err)
	}
	evt := b.next(t, ctx)
	ea, ok := evt.Data.(slackevents.EventsAPIEvent)
	if !ok || evt.Request.EnvelopeID != envID || ea.Type != slackevents.CallbackEvent || ea.TeamID != s.Identity().TeamID {
		t.Fatalf("event = %+v", evt)
	}
	me, ok := ea.InnerEvent.Data.(*slackevents.MessageEvent)
	if !ok || me.Text != "hello cairn" || me.User != alice || me.ChannelType != "im" || me.TimeStamp == "" {
		t.Fatalf("inner event = %#v", ea.InnerEvent.Data)
	}

	// The same event_id twice, the second a retry.
	cb := s.EventCallback(AppHomeOpened(alice))
	id1, err := s.SendEnvelope(ctx, Envelope{Type: "events_api", Payload: cb})
	if err != nil {
		t.Fatal(err)
	}
	id2, err := s.SendEnvelope(ctx, Envelope{Type: "events_api", Payload: cb, RetryAttempt: 1, RetryReason: "timeout"})
	if err != nil || id1 == id2 {
		t.Fatalf("envelope ids %q %q, %v", id1, id2, err)
	}
	for i, id := range []string{id1, id2} {
		evt := b.next(t, ctx)
		outer := evt.Data.(slackevents.EventsAPIEvent).Data.(*slackevents.EventsAPICallbackEvent)
		if evt.Request.EnvelopeID != id || outer.EventID != cb.EventID || evt.Request.RetryAttempt != i {
			t.Fatalf("delivery %d: envelope %s, event_id %s, retry %d", i, evt.Request.EnvelopeID, outer.EventID, evt.Request.RetryAttempt)
		}
		if _, ok := evt.Data.(slackevents.EventsAPIEvent).InnerEvent.Data.(*slackevents.AppHomeOpenedEvent); !ok {
			t.Fatalf("inner event %T", evt.Data.(slackevents.EventsAPIEvent).InnerEvent.Data)
		}
	}
	if evt.Request.RetryReason != "" {
		t.Fatal("retry reason on a first delivery")
	}

	// slash_commands, acked with a payload; its response_url is on the fake.
	envID, err = s.SendSlashCommand(ctx, slack.SlashCommand{Command: "/cairn", Text: "status", UserID: alice, ChannelID: DMChannel(alice)})
	if err != nil {
		t.Fatal(err)
	}
	if ack, err = s.WaitForAck(ctx, envID); err != nil || string(ack.Payload) != `{"text":"got it"}` {
		t.Fatalf("slash command ack = %s, %v", ack.Payload, err)
	}
	cmd, ok := b.next(t, ctx).Data.(slack.SlashCommand)
	if !ok || cmd.Command != "/cairn" || cmd.UserName != "alice" || cmd.TriggerID == "" || !strings.HasPrefix(cmd.ResponseURL, s.URL()+"/response/") {
		t.Fatalf("slash command = %+v", cmd)
	}
	api := newAPI(t, s, botToken)
	if _, _, err := api.PostMessageContext(ctx, "", slack.MsgOptionResponseURL(cmd.ResponseURL, slack.ResponseTypeEphemeral), slack.MsgOptionText("later", false)); err != nil {
		t.Fatal(err)
	}
	if rc := s.CallsTo("response_url"); len(rc) != 1 || rc[0].Params["text"] != "later" || rc[0].Params["response_type"] != "ephemeral" {
		t.Fatalf("response_url calls = %+v", rc)
	}

	// interactive: a button on a message the bot posted.
	btn := slack.NewButtonBlockElement("skip_today", "s1", slack.NewTextBlockObject(slack.PlainTextType, "Skip", false, false))
	_, ts, err := api.PostMessageContext(ctx, DMChannel(alice), slack.MsgOptionText("prompt", false),
		slack.MsgOptionBlocks(slack.NewActionBlock("prompt_actions", btn)))
	if err != nil {
		t.Fatal(err)
	}
	envID, err = s.SendInteractive(ctx, BlockAction(alice, DMChannel(alice), "skip_today", "s1", ts))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.WaitForAck(ctx, envID); err != nil {
		t.Fatal(err)
	}
	ic, ok := b.next(t, ctx).Data.(slack.InteractionCallback)
	if !ok || ic.Type != slack.InteractionTypeBlockActions || len(ic.ActionCallback.BlockActions) != 1 {
		t.Fatalf("interaction = %+v", ic)
	}
	if a := ic.ActionCallback.BlockActions[0]; a.ActionID != "skip_today" || a.BlockID != "prompt_actions" || a.Value != "s1" {
		t.Fatalf("action = %+v", a)
	}
	if ic.Message.Timestamp != ts || ic.Message.Text != "prompt" || ic.Container.ChannelID != DMChannel(alice) ||
		ic.TriggerID == "" || ic.User.ID != alice || ic.Team.ID != s.Identity().TeamID {
		t.Fatalf("interaction = %+v", ic)
	}

	// view_submission of a modal the bot opened.
	modal := slack.ModalViewRequest{
		Type: slack.VTModal, Title: slack.NewTextBlockObject(slack.PlainTextType, "Check-in", false, false),
		Blocks:     slack.Blocks{BlockSet: []slack.Block{slack.NewDividerBlock()}},
		CallbackID: "checkin", PrivateMetadata: "s1",
	}
	ov, err := api.OpenViewContext(ctx, ic.TriggerID, modal)
	if err != nil {
		t.Fatal(err)
	}
	sub, err := s.ViewSubmissionFor(alice, ov.View.ID, map[string]map[string]any{"mood": {"mood_input": TextInput("great")}})
	if err != nil {
		t.Fatal(err)
	}
	if envID, err = s.SendInteractive(ctx, sub); err != nil {
		t.Fatal(err)
	}
	if _, err := s.WaitForAck(ctx, envID); err != nil {
		t.Fatal(err)
	}
	ic = b.next(t, ctx).Data.(slack.InteractionCallback)
	if ic.Type != slack.InteractionTypeViewSubmission || ic.View.ID != ov.View.ID || ic.View.CallbackID != "checkin" ||
		ic.View.PrivateMetadata != "s1" || ic.View.State.Values["mood"]["mood_input"].Value != "great" {
		t.Fatalf("view submission = %+v", ic.View)
	}

	// disconnect: the client reconnects and envelopes go to the new connection.
	s.Disconnect()
	if err := s.WaitForConnects(ctx, 2); err != nil {
		t.Fatal(err)
	}
	envID, err = s.SendEvent(ctx, MessageEvent(alice, DMChannel(alice), "still there?"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.WaitForAck(ctx, envID); err != nil {
		t.Fatal(err)
	}
	if got := b.next(t, ctx).Data.(slackevents.EventsAPIEvent).InnerEvent.Data.(*slackevents.MessageEvent).Text; got != "still there?" {
		t.Fatalf("after reconnect got %q", got)
	}
	if n := len(s.CallsTo("apps.connections.open")); n != 2 {
		t.Fatalf("apps.connections.open called %d times", n)
	}
	if acks := s.Acks(); len(acks) != 7 {
		t.Fatalf("%d acks recorded, want 7", len(acks))
	}

	b.stop()
}

func TestPingsKeepTheClientConnected(t *testing.T) {
	s := New(WithPingInterval(20 * time.Millisecond))
	defer s.Close()
	ctx := testCtx(t)
	startBot(t, s, socketmode.OptionPingInterval(250*time.Millisecond))
	// 25 pongs span at least 500 ms, two of the client's ping deadlines.
	if err := s.WaitForPongs(ctx, 25); err != nil {
		t.Fatal(err)
	}
	if n := s.Connects(); n != 1 {
		t.Fatalf("client reconnected despite pings: %d connects, %d pongs", n, s.Pongs())
	}
}

func TestNoPingsMakeTheClientReconnect(t *testing.T) {
	s := New(WithPingInterval(0))
	defer s.Close()
	ctx := testCtx(t)
	startBot(t, s, socketmode.OptionPingInterval(50*time.Millisecond))
	if err := s.WaitForConnects(ctx, 2); err != nil {
		t.Fatalf("client never hit its ping timeout: %v", err)
	}
}

func TestDropConnections(t *testing.T) {
	s := New(WithPingInterval(50 * time.Millisecond))
	defer s.Close()
	ctx := testCtx(t)
	b := startBot(t, s)
	if err := s.WaitForConnects(ctx, 1); err != nil {
		t.Fatal(err)
	}
	s.DropConnections()
	if err := s.WaitForConnects(ctx, 2); err != nil {
		t.Fatal(err)
	}
	id, err := s.SendEvent(ctx, AppHomeOpened(alice))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.WaitForAck(ctx, id); err != nil {
		t.Fatal(err)
	}
	b.next(t, ctx)
}

// fakeslackGoroutines lists the stacks of goroutines running fakeslack code
// (other than tests).
func fakeslackGoroutines() []string {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	var out []string
	for g := range strings.SplitSeq(string(buf), "\n\n") {
		if strings.Contains(g, "fakeslack.(*Server)") || strings.Contains(g, "fakeslack.(*wsConn)") {
			out = append(out, g)
		}
	}
	return out
}

// settle waits, with a deadline, until cond holds. It polls on a ticker:
// goroutines exiting send no notification.
func settle(cond func() bool) bool {
	deadline := time.After(5 * time.Second)
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		select {
		case <-deadline:
			return cond()
		case <-tick.C:
		}
	}
	return true
}

func TestCloseLeavesNoGoroutines(t *testing.T) {
	before := runtime.NumGoroutine()
	s := New(WithUsers(aliceUser()), WithPingInterval(10*time.Millisecond))
	ctx := testCtx(t)
	b := startBot(t, s)
	if err := s.Connected(ctx); err != nil {
		t.Fatal(err)
	}
	id, err := s.SendEvent(ctx, AppHomeOpened(alice))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.WaitForAck(ctx, id); err != nil {
		t.Fatal(err)
	}

	// A request held by a long delay is in flight when Close runs.
	api := newAPI(t, s, botToken)
	s.FailNext("users.info", 1, Delay(time.Hour))
	delayed := make(chan error, 1)
	go func() {
		_, err := api.GetUserInfoContext(ctx, alice)
		delayed <- err
	}()
	if err := s.waitFor(ctx, func() bool { return len(s.failures) == 0 }); err != nil {
		t.Fatal(err)
	}
	if len(fakeslackGoroutines()) == 0 {
		t.Fatal("the stack check sees no fakeslack goroutines while it runs")
	}

	closed := make(chan struct{})
	go func() { s.Close(); close(closed) }()
	select {
	case <-closed:
	case <-ctx.Done():
		t.Fatal("Close hangs on a delayed request")
	}
	<-delayed
	s.Close() // idempotent
	// A goroutine that has signalled its WaitGroup may still be on its way
	// out (its deferred Done runs last, then it returns): give it a moment.
	settle(func() bool { return len(fakeslackGoroutines()) == 0 })
	if g := fakeslackGoroutines(); len(g) != 0 {
		t.Fatalf("after Close, fakeslack goroutines are still running:\n%s", strings.Join(g, "\n\n"))
	}
	if _, err := s.SendEvent(ctx, AppHomeOpened(alice)); !errors.Is(err, ErrClosed) {
		t.Fatalf("SendEvent after Close: %v", err)
	}

	b.stop()
	if !settle(func() bool { return runtime.NumGoroutine() <= before }) {
		t.Fatalf("goroutines: %d before, %d after Close", before, runtime.NumGoroutine())
	}
}

func TestEnvelopeWireFormat(t *testing.T) {
	s := New()
	defer s.Close()
	cb := s.EventCallback(MessageEvent(alice, DMChannel(alice), "hi"))
	b, err := json.Marshal(cb)
	if err != nil {
		t.Fatal(err)
	}
	ev, err := slackevents.ParseEvent(b, slackevents.OptionVerifyToken(&slackevents.TokenComparator{VerificationToken: s.Identity().VerificationToken}))
	if err != nil {
		t.Fatal(err)
	}
	if ev.APIAppID != s.Identity().AppID || !strings.HasPrefix(cb.EventID, "Ev") || cb.EventTime == 0 {
		t.Fatalf("callback = %+v", cb)
	}
}
