package conversations

import (
	"slices"
	"testing"

	"github.com/cairnbot/cairn/store"
)

// TestMatchSteps_Spanish: check-in answers in Spanish mark the right step,
// by number, place or words (a verb in another form: llamé / llamar).
func TestMatchSteps_Spanish(t *testing.T) {
	shown := NumberedSteps([]store.Step{
		{ID: 1, GoalID: 1, What: "Llamar a la oficina de vivienda", Due: date(2026, 6, 12)},
		{ID: 2, GoalID: 1, What: "Comprar una caña de pescar", Due: date(2026, 6, 13)},
		{ID: 3, GoalID: 1, What: "Hablar con Sam sobre las clases", Due: date(2026, 6, 14)},
	})
	for answer, want := range map[string][]uint64{
		"llamé a la oficina":                  {1},
		"ya llamé a vivienda":                 {1},
		"compré la caña":                      {2},
		"Compre la cana de pescar":            {2},
		"hablé con Sam":                       {3},
		"el primero":                          {1},
		"el primer paso":                      {1},
		"el segundo":                          {2},
		"hice el 2":                           {2},
		"el último":                           {3},
		"1 y 3":                               {1, 3},
		"todos":                               {1, 2, 3},
		"llamé a la oficina y compré la caña": {1, 2},
		"fui al parque":                       nil,
	} {
		m := matchSteps(answer, shown)
		var got []uint64
		for _, ns := range m.Sure {
			got = append(got, ns.Step.ID)
		}
		slices.Sort(got)
		if !slices.Equal(got, want) || len(m.Ambiguous) > 0 {
			t.Errorf("matchSteps(%q) = %v (unsure %d), want %v", answer, got, len(m.Ambiguous), want)
		}
	}
	// English stems are as they were: "water" is never cut to "wat".
	if esStem(stem("water")) != "water" || !sameStem(stem("waters"), stem("water")) {
		t.Error("Spanish endings changed an English stem")
	}
}
