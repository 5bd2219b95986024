package store_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/cairnbot/cairn/store"
)

func TestStore_Journal(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	in := []store.InboxItem{
		{Key: "Ev1", MemberID: "U1", Kind: "dm", Payload: json.RawMessage(`{"text":"hi"}`)},
		{Key: "Ev2", MemberID: "U2", Kind: "dm", Payload: json.RawMessage(`{"text":"hola"}`)},
		{Key: "Ev1", MemberID: "U1", Kind: "dm", Payload: json.RawMessage(`{"text":"hi"}`)}, // Slack's retry, in the same batch
	}
	got, fresh, err := s.Journal(ctx, in)
	must(t, err)
	mustEqual(t, "fresh", fresh, []bool{true, true, false})
	if got[0].Seq == 0 || got[1].Seq <= got[0].Seq {
		t.Fatalf("sequence numbers %d, %d: want increasing from 1", got[0].Seq, got[1].Seq)
	}

	t.Run("a retry of a pending input is not journaled again", func(t *testing.T) {
		_, fresh, err := s.Journal(ctx, in[:1])
		must(t, err)
		mustEqual(t, "fresh", fresh, []bool{false})
	})

	s = reopen(t, s)
	t.Run("survives a restart in order", func(t *testing.T) {
		items, err := s.Inbox(ctx)
		must(t, err)
		if len(items) != 2 || items[0].Key != "Ev1" || items[1].Key != "Ev2" || string(items[1].Payload) != `{"text":"hola"}` {
			t.Fatalf("inbox after restart: %+v", items)
		}
		n, err := s.InboxDepth(ctx)
		must(t, err)
		mustEqual(t, "depth", n, 2)
	})

	t.Run("a turn settles its input in the same commit", func(t *testing.T) {
		_, err := s.ApplyTurn(ctx, store.Turn{MemberID: "U1", EventID: "Ev1", InboxSeq: got[0].Seq,
			Member: &store.Member{ID: "U1"}})
		must(t, err)
		items, err := s.Inbox(ctx)
		must(t, err)
		if len(items) != 1 || items[0].Key != "Ev2" {
			t.Fatalf("inbox after the turn: %+v", items)
		}
		_, fresh, err := s.Journal(ctx, in[:1])
		must(t, err)
		mustEqual(t, "a late retry of a handled input is fresh", fresh, []bool{false})
	})

	t.Run("DoneInbox settles an input that needed no turn", func(t *testing.T) {
		must(t, s.DoneInbox(ctx, got[1].Seq))
		must(t, s.DoneInbox(ctx, got[1].Seq)) // twice is fine
		items, err := s.Inbox(ctx)
		must(t, err)
		mustEqual(t, "inbox", len(items), 0)
		_, fresh, err := s.Journal(ctx, in[1:2])
		must(t, err)
		mustEqual(t, "fresh", fresh, []bool{false})
	})

	t.Run("bad input is refused, nothing stored", func(t *testing.T) {
		for name, it := range map[string]store.InboxItem{
			"no key":    {MemberID: "U1", Payload: json.RawMessage(`{}`)},
			"no member": {Key: "Ev9", Payload: json.RawMessage(`{}`)},
			"not JSON":  {Key: "Ev9", MemberID: "U1", Payload: json.RawMessage(`{`)},
		} {
			if _, _, err := s.Journal(ctx, []store.InboxItem{it}); err == nil {
				t.Errorf("%s: journaled", name)
			}
		}
	})
}

func TestStore_Outbox(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	body := func(text string) json.RawMessage { b, _ := json.Marshal(map[string]string{"text": text}); return b }

	res, err := s.ApplyTurn(ctx, store.Turn{MemberID: "U1", Member: &store.Member{ID: "U1"},
		Outbox: []store.Outgoing{{Channel: "D1", Body: body("one")}, {Channel: "D1", Body: body("two")}}})
	must(t, err)
	if len(res.OutboxIDs) != 2 || res.OutboxIDs[0] >= res.OutboxIDs[1] {
		t.Fatalf("outbox ids %v", res.OutboxIDs)
	}
	ids, err := s.Stage(ctx, []store.Outgoing{{MemberID: "U2", Body: body("three")}})
	must(t, err)

	all, err := s.Outbox(ctx, 0)
	must(t, err)
	if len(all) != 3 || all[0].ID != res.OutboxIDs[0] || all[2].ID != ids[0] || all[0].State != store.OutboxPending {
		t.Fatalf("outbox: %+v", all)
	}

	must(t, s.MarkOutboxSending(ctx, all[0].ID))
	next := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	must(t, s.RetryOutbox(ctx, all[0].ID, store.OutboxSending, next))
	s = reopen(t, s)
	mine, err := s.MemberOutbox(ctx, "U1")
	must(t, err)
	if len(mine) != 2 || mine[0].State != store.OutboxSending || mine[0].Attempts != 1 || !mine[0].NextAt.Equal(next) || string(mine[1].Body) != `{"text":"two"}` {
		t.Fatalf("U1's outbox after restart: %+v", mine)
	}

	must(t, s.DoneOutbox(ctx, mine[0].ID))
	must(t, s.DoneOutbox(ctx, mine[0].ID))
	n, err := s.OutboxDepth(ctx)
	must(t, err)
	mustEqual(t, "depth", n, 2)
	mustIs(t, s.MarkOutboxSending(ctx, mine[0].ID), store.ErrNotFound)

	t.Run("a reply for another member is refused with the turn", func(t *testing.T) {
		_, err := s.ApplyTurn(ctx, store.Turn{MemberID: "U1", Outbox: []store.Outgoing{{MemberID: "U2", Body: body("x")}}})
		mustIs(t, err, store.ErrInvalid)
	})
}
