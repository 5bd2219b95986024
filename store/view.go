package store

import (
	"context"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// View is everything shown for one member (App Home, `cairn try`).
type View struct {
	Member      Member // zero if the member has no record yet
	Goals       []GoalSteps
	LastCheckIn *CheckIn // nil if none
	// Conversation is the member's place in a guided flow, nil if none: a
	// conversation turn needs it with the rest, in the same read.
	Conversation *Conversation
}

// GoalSteps is a goal with its steps in due-date order.
type GoalSteps struct {
	Goal  Goal
	Steps []Step
}

// MemberView reads one member's view in one read transaction, through that
// member's keys only, so it costs the same however many members there are.
func (s *Store) MemberView(ctx context.Context, memberID string) (View, error) {
	var v View
	err := s.view(ctx, func(tx *bolt.Tx) error {
		var err error
		v, err = memberView(tx, memberID)
		return err
	})
	if err != nil {
		return View{}, fmt.Errorf("store: view of %s: %w", memberID, err)
	}
	return v, nil
}

func memberView(tx *bolt.Tx, memberID string) (View, error) {
	var v View
	if _, err := getJSON(tx.Bucket(bMembers), []byte(memberID), &v.Member); err != nil {
		return View{}, err
	}
	goals, err := memberGoals(tx, memberID)
	if err != nil {
		return View{}, err
	}
	for _, g := range goals {
		steps, err := goalSteps(tx, g.ID)
		if err != nil {
			return View{}, err
		}
		v.Goals = append(v.Goals, GoalSteps{Goal: g, Steps: steps})
	}
	if v.LastCheckIn, err = lastCheckIn(tx, memberID); err != nil {
		return View{}, err
	}
	buf, err := getValue(tx.Bucket(bConversations), []byte(memberID))
	if err != nil {
		return View{}, fmt.Errorf("conversation of %s: %w", memberID, err)
	}
	if buf != nil {
		var c Conversation
		if err := decodeConversation(buf, &c); err != nil {
			return View{}, fmt.Errorf("decode conversation of %s: %w", memberID, err)
		}
		v.Conversation = &c
	}
	return v, nil
}

// DeleteMemberData removes everything stored about a member: the member
// record, conversation, goals, their steps and check-ins, and replies
// waiting to be posted to them. Group rosters
// that list the member are left to the caller. Deleting a member with no
// data is not an error.
func (s *Store) DeleteMemberData(ctx context.Context, memberID string) error {
	if err := checkID("member", memberID); err != nil {
		return fmt.Errorf("store: delete data of member: %w", err)
	}
	err := s.update(ctx, func(tx *bolt.Tx) error {
		id := []byte(memberID)
		if err := tx.Bucket(bMembers).Delete(id); err != nil {
			return err
		}
		if err := tx.Bucket(bConversations).Delete(id); err != nil {
			return err
		}
		goals, byMember := tx.Bucket(bGoals), tx.Bucket(bGoalsByMember)
		steps, stepIDs := tx.Bucket(bSteps), tx.Bucket(bStepIDs)
		prefix := memberPrefix(memberID)
		for _, ik := range prefixKeys(byMember, prefix) {
			goalKey := ik[len(prefix):]
			for _, sk := range prefixKeys(steps, goalKey) {
				if err := stepIDs.Delete(sk[16:]); err != nil {
					return err
				}
				if err := steps.Delete(sk); err != nil {
					return err
				}
			}
			if err := goals.Delete(goalKey); err != nil {
				return err
			}
			if err := byMember.Delete(ik); err != nil {
				return err
			}
		}
		checkIns, checkInIDs := tx.Bucket(bCheckIns), tx.Bucket(bCheckInIDs)
		for _, ck := range prefixKeys(checkIns, prefix) {
			if err := checkInIDs.Delete(ck[len(ck)-8:]); err != nil {
				return err
			}
			if err := checkIns.Delete(ck); err != nil {
				return err
			}
		}
		outbox, outboxByMember := tx.Bucket(bOutbox), tx.Bucket(bOutboxByMember)
		for _, ok := range prefixKeys(outboxByMember, prefix) {
			if err := outbox.Delete(ok[len(ok)-8:]); err != nil {
				return err
			}
			if err := outboxByMember.Delete(ok); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: delete data of member %s: %w", memberID, err)
	}
	return nil
}
