package store

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Joining a group, leaving it, and consenting to a navigator.
//
// Nobody is put in a group by someone else: Group.Members, Facilitators and
// Navigators hold only people who said yes, and the scheduler prompts and
// shows only those. A navigator is someone's in one group, and only after
// the member said yes to them (Group.NavigatorOf); a proposal waits in
// NavigatorAsked. Each method is one transaction and, like the others
// answering Slack, takes a key that makes a replay change nothing.

// ErrNotInvited: the person has no invitation to the group (it was taken
// back, or they were never asked).
var ErrNotInvited = fmt.Errorf("%w: no invitation", ErrNotFound)

// roster is the list of people who joined g in role r.
func (g *Group) roster(r Role) *[]string {
	switch r {
	case RoleFacilitator:
		return &g.Facilitators
	case RoleNavigator:
		return &g.Navigators
	}
	return &g.Members
}

var roles = []Role{RoleMember, RoleFacilitator, RoleNavigator}

// invite makes g's roles what want says: joined people no longer named
// leave the role, By joins at once, and the others named are invited
// unless they already are. It returns the new invitations.
func (g *Group) invite(want map[Role][]string, by string, now time.Time) []Invitation {
	var fresh []Invitation
	for _, r := range roles {
		named := want[r]
		list := g.roster(r)
		*list = slices.DeleteFunc(slices.Clone(*list), func(id string) bool { return !slices.Contains(named, id) })
		g.Invited = slices.DeleteFunc(g.Invited, func(in Invitation) bool {
			return in.Role == r && (!slices.Contains(named, in.Person) || slices.Contains(*list, in.Person))
		})
		for _, id := range named {
			switch {
			case slices.Contains(*list, id):
			case id == by:
				*list = append(*list, id) // they asked for it themselves
				g.Invited = slices.DeleteFunc(g.Invited, func(in Invitation) bool { return in.Role == r && in.Person == id })
			case !slices.ContainsFunc(g.Invited, func(in Invitation) bool { return in.Role == r && in.Person == id }):
				in := Invitation{Person: id, Role: r, By: by, At: now}
				g.Invited = append(g.Invited, in)
				fresh = append(fresh, in)
			}
		}
	}
	g.dropLinks()
	return fresh
}

// dropLinks forgets navigator links and proposals of people who are in the
// group no more (neither joined nor invited in that role).
func (g *Group) dropLinks() {
	in := func(id string, r Role) bool {
		return slices.Contains(*g.roster(r), id) ||
			slices.ContainsFunc(g.Invited, func(i Invitation) bool { return i.Person == id && i.Role == r })
	}
	for _, m := range []map[string]string{g.NavigatorOf, g.NavigatorAsked} {
		maps.DeleteFunc(m, func(member, nav string) bool { return !in(member, RoleMember) || !in(nav, RoleNavigator) })
	}
}

// propose asks member to accept nav as their navigator here, unless they
// have one here already or were asked already. It reports whether it asked.
func (g *Group) propose(member, nav string) bool {
	if g.NavigatorOf[member] != "" || g.NavigatorAsked[member] == nav || member == nav {
		return false
	}
	if g.NavigatorAsked == nil {
		g.NavigatorAsked = map[string]string{}
	}
	g.NavigatorAsked[member] = nav
	return true
}

// NavigatorFor is member's navigator in g: someone only when the member
// said yes to them and both have joined the group.
func (g Group) NavigatorFor(member string) string {
	nav := g.NavigatorOf[member]
	if nav == "" || !slices.Contains(g.Members, member) || !slices.Contains(g.Navigators, nav) {
		return ""
	}
	return nav
}

// InvitationsOf lists person's invitations to g that are still open.
func (g Group) InvitationsOf(person string) []Invitation {
	var out []Invitation
	for _, in := range g.Invited {
		if in.Person == person && !in.Declined {
			out = append(out, in)
		}
	}
	return out
}

// Joined reports whether person has joined g in any role.
func (g Group) Joined(person string) bool {
	return slices.Contains(g.Members, person) || slices.Contains(g.Facilitators, person) || slices.Contains(g.Navigators, person)
}

// changeGroup runs change on group id in one transaction, after the key
// check, and saves it. change may reject.
func (s *Store) changeGroup(ctx context.Context, id, key string, change func(g *Group) error) (Group, error) {
	if err := checkID("group", id); err != nil {
		return Group{}, err
	}
	now := s.now()
	var saved Group
	err := s.update(ctx, func(tx *bolt.Tx) error {
		gb := tx.Bucket(bGroups)
		var g Group
		ok, err := getJSON(gb, []byte(id), &g)
		if err == nil && !ok {
			err = ErrNotFound
		}
		if err != nil {
			return reject(err)
		}
		saved = g
		if err := checkKey(tx, key); err != nil {
			return err
		}
		if err := change(&g); err != nil {
			return reject(err)
		}
		g.V = recordVersion
		if err := putJSON(gb, []byte(id), g); err != nil {
			return err
		}
		saved = g
		return markKey(tx, key, now)
	})
	return saved, err
}

// JoinGroup accepts person's invitations to the group (a "No thanks"
// earlier included: they changed their mind), moving them into those
// roles. It returns the group as saved and the roles joined. No
// invitation is ErrNotInvited; a key already marked ErrDuplicate.
func (s *Store) JoinGroup(ctx context.Context, groupID, person, key string) (Group, []Role, error) {
	var joined []Role
	g, err := s.changeGroup(ctx, groupID, key, func(g *Group) error {
		joined = nil
		for _, in := range g.Invited {
			if in.Person != person {
				continue
			}
			if list := g.roster(in.Role); !slices.Contains(*list, person) {
				*list = append(*list, person)
			}
			joined = append(joined, in.Role)
		}
		if len(joined) == 0 {
			return ErrNotInvited
		}
		g.Invited = slices.DeleteFunc(g.Invited, func(in Invitation) bool { return in.Person == person })
		return nil
	})
	if err != nil {
		return g, nil, fmt.Errorf("store: %s joins group %s: %w", person, groupID, err)
	}
	return g, joined, nil
}

// DeclineGroup marks person's invitations to the group as declined: they
// are not asked again unless invited anew. No invitation is ErrNotInvited.
func (s *Store) DeclineGroup(ctx context.Context, groupID, person, key string) (Group, error) {
	g, err := s.changeGroup(ctx, groupID, key, func(g *Group) error {
		found := false
		for i := range g.Invited {
			if g.Invited[i].Person == person {
				g.Invited[i].Declined, found = true, true
			}
		}
		if !found {
			return ErrNotInvited
		}
		return nil
	})
	if err != nil {
		return g, fmt.Errorf("store: %s declines group %s: %w", person, groupID, err)
	}
	return g, nil
}

// LeaveGroup takes person out of the group at once: every role, every
// invitation, and their navigator links there (as member or navigator).
// Someone neither in the group nor invited is ErrNotFound.
func (s *Store) LeaveGroup(ctx context.Context, groupID, person, key string) (Group, error) {
	g, err := s.changeGroup(ctx, groupID, key, func(g *Group) error {
		if !g.Joined(person) && !slices.ContainsFunc(g.Invited, func(in Invitation) bool { return in.Person == person }) {
			return ErrNotFound
		}
		leave(g, person)
		return nil
	})
	if err != nil {
		return g, fmt.Errorf("store: %s leaves group %s: %w", person, groupID, err)
	}
	return g, nil
}

// leave removes person from every list of g.
func leave(g *Group, person string) {
	is := func(id string) bool { return id == person }
	for _, r := range roles {
		*g.roster(r) = slices.DeleteFunc(*g.roster(r), is)
	}
	g.Invited = slices.DeleteFunc(g.Invited, func(in Invitation) bool { return in.Person == person })
	g.dropLinks()
}

// ProposeNavigator asks memberIDs, who joined the group as members, to
// accept navigatorID as their navigator in it. The navigator is invited to
// the group's navigators if they are not one (by joins at once when it is
// themselves). It returns the members newly asked and whether the
// navigator was newly invited. Someone not a member is ErrInvalid.
func (s *Store) ProposeNavigator(ctx context.Context, groupID, navigatorID string, memberIDs []string, by, key string) (Group, []string, *Invitation, error) {
	if err := checkID("member", navigatorID); err != nil {
		return Group{}, nil, nil, fmt.Errorf("store: propose navigator in group %s: %w", groupID, err)
	}
	now := s.now()
	var asked []string
	var invited *Invitation
	g, err := s.changeGroup(ctx, groupID, key, func(g *Group) error {
		asked, invited = nil, nil
		for _, id := range memberIDs {
			if !slices.Contains(g.Members, id) {
				return fmt.Errorf("%w: %s is not a member of group %s", ErrInvalid, id, groupID)
			}
		}
		if !slices.Contains(g.Navigators, navigatorID) {
			want := map[Role][]string{}
			for _, r := range roles {
				want[r] = slices.Clone(*g.roster(r))
				for _, in := range g.Invited {
					if in.Role == r {
						want[r] = append(want[r], in.Person)
					}
				}
			}
			want[RoleNavigator] = append(want[RoleNavigator], navigatorID)
			if fresh := g.invite(want, by, now); len(fresh) > 0 {
				invited = &fresh[0]
			}
		}
		for _, id := range memberIDs {
			if g.NavigatorOf[id] == navigatorID {
				continue
			}
			// The navigator they have stays until they say yes to this one.
			if g.NavigatorAsked == nil {
				g.NavigatorAsked = map[string]string{}
			}
			if id != navigatorID && g.NavigatorAsked[id] != navigatorID {
				g.NavigatorAsked[id] = navigatorID
				asked = append(asked, id)
			}
		}
		return nil
	})
	if err != nil {
		return g, nil, nil, fmt.Errorf("store: propose navigator %s in group %s: %w", navigatorID, groupID, err)
	}
	return g, asked, invited, nil
}

// EndNavigator ends member's yes to their navigator in the group: the
// member may take back their consent at any time, without leaving the
// group. It returns the navigator it was; none is ErrNotInvited.
func (s *Store) EndNavigator(ctx context.Context, groupID, member, key string) (string, error) {
	var nav string
	_, err := s.changeGroup(ctx, groupID, key, func(g *Group) error {
		nav = g.NavigatorOf[member]
		if nav == "" {
			return ErrNotInvited
		}
		delete(g.NavigatorOf, member)
		return nil
	})
	if err != nil {
		return nav, fmt.Errorf("store: %s ends their navigator in group %s: %w", member, groupID, err)
	}
	return nav, nil
}

// AnswerNavigator records member's answer to the navigator proposed to
// them in the group: yes makes them their navigator there, no forgets the
// proposal. It returns the navigator proposed; none is ErrNotInvited.
func (s *Store) AnswerNavigator(ctx context.Context, groupID, member string, yes bool, key string) (string, error) {
	var nav string
	_, err := s.changeGroup(ctx, groupID, key, func(g *Group) error {
		nav = g.NavigatorAsked[member]
		if nav == "" {
			return ErrNotInvited
		}
		delete(g.NavigatorAsked, member)
		if yes {
			if g.NavigatorOf == nil {
				g.NavigatorOf = map[string]string{}
			}
			g.NavigatorOf[member] = nav
		}
		return nil
	})
	if err != nil {
		return nav, fmt.Errorf("store: %s answers a navigator in group %s: %w", member, groupID, err)
	}
	return nav, nil
}
