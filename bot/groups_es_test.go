package bot_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/cairnbot/cairn/internal/fakeslack"
	"github.com/cairnbot/cairn/store"
)

// TestGroups_SpanishFacilitatorTypesTheScheduleInSpanish: Flor, whose
// language is Spanish, sets up a group. The form's example of a meeting time
// is Spanish; "los martes a las 6" is refused with the Spanish words for an
// ambiguous hour; "los martes a las 6 de la tarde" saves the group as
// Tuesdays at 18:00 and is said back in Spanish; English she types is read
// too.
func TestGroups_SpanishFacilitatorTypesTheScheduleInSpanish(t *testing.T) {
	h := groupHarness(t)
	ctx := context.Background()
	h.fake.AddUser(fakeslack.User{ID: "UFLOR", Name: "flor", RealName: "Flor", TZ: "America/Chicago", IsAdmin: true})
	h.fake.SetMembers("C0GROUP", "UFLOR", "UANA", "U0CAIRNBOT")
	if err := h.st.SaveMember(ctx, store.Member{ID: "UFLOR", Name: "Flor", TZ: "America/Chicago", Lang: "es"}); err != nil {
		t.Fatal(err)
	}

	view := h.openGroupForm("UFLOR", "C0GROUP", 1)
	opened := h.fake.CallsTo("views.open")[0].Params["view"]
	if !strings.Contains(opened, `"text":"`+es.GroupWhenPlaceholder+`"`) || es.GroupWhenPlaceholder == en.GroupWhenPlaceholder {
		t.Errorf("Flor's form does not show a Spanish example of a meeting time (%q):\n%s", es.GroupWhenPlaceholder, opened)
	}
	submit := func(viewID, schedule string) string {
		t.Helper()
		form, err := h.fake.ViewSubmissionFor("UFLOR", viewID, groupForm("Grupo del martes", schedule, "America/Chicago", []string{"UANA"}, []string{"UFLOR"}, nil))
		if err != nil {
			t.Fatal(err)
		}
		return h.submit(form)
	}

	if errs := formErrors(t, submit(view, "los martes a las 6")); errs["schedule"] != es.ErrScheduleAmbiguous {
		t.Errorf("an hour without its part of the day is answered %q, want %q", errs["schedule"], es.ErrScheduleAmbiguous)
	}
	if _, err := h.st.Group(ctx, "C0GROUP"); err == nil {
		t.Fatal("a refused form saved the group")
	}

	ack := submit(view, "los martes a las 6 de la tarde")
	want := "Se reúne los martes a las 6:00 de la tarde (America/Chicago). Próximas sesiones: martes 16 de junio a las 6:00 de la tarde; martes 23 de junio"
	if !strings.Contains(ack, `"response_action":"update"`) || !strings.Contains(ack, want) {
		t.Fatalf("Flor's confirmation does not say %q:\n%s", want, ack)
	}
	g, err := h.st.Group(ctx, "C0GROUP")
	if err != nil {
		t.Fatal(err)
	}
	if g.Schedule != "CRON_TZ=America/Chicago 0 18 * * TUE" || g.ScheduleText != "los martes a las 6 de la tarde" {
		t.Errorf("group saved with %q (%q), want Tuesdays at 18:00 and her words", g.Schedule, g.ScheduleText)
	}

	// English from a Spanish speaker is read as English reads it.
	h.slash("UFLOR", "C0GROUP", "group edit")
	edited, err := h.fake.WaitForCalls(h.ctx(), "views.open", 2)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(edited[1].Params["view"], `"initial_value":"los martes a las 6 de la tarde"`) {
		t.Errorf("the edit form does not show her words:\n%s", edited[1].Params["view"])
	}
	ack = submit(openedViewID(t, edited[1].Response), "Mondays and Thursdays 7:30pm")
	if !strings.Contains(ack, "Se reúne los lunes y jueves a las 7:30 de la tarde (America/Chicago)") {
		t.Fatalf("an English schedule from Flor was not read:\n%s", ack)
	}
	if g, _ := h.st.Group(ctx, "C0GROUP"); g.Schedule != "CRON_TZ=America/Chicago 30 19 * * MON,THU" {
		t.Errorf("group saved with %q, want Mondays and Thursdays at 19:30", g.Schedule)
	}
}

// openedViewID is the id of the view a views.open call opened.
func openedViewID(t *testing.T, response []byte) string {
	t.Helper()
	var resp struct {
		View struct{ ID string } `json:"view"`
	}
	if err := json.Unmarshal(response, &resp); err != nil || resp.View.ID == "" {
		t.Fatalf("views.open answered %s: %v", response, err)
	}
	return resp.View.ID
}
