package conversations

import "testing"

// spanishSafetyPhrases are the Spanish twins of English warning signs the
// detector heard in English only ("I can't take it anymore", "I'm a
// burden", "nobody would miss me", "drank again"), typed as members type
// them (no accents), and everyday Spanish with the same words that must not
// trigger.
var spanishSafetyPhrases = []struct {
	text string
	want signal
}{
	{"no aguanto mas", sigCrisis},
	{"ya no aguanto", sigCrisis},
	{"Ya no puedo más", sigCrisis},
	{"no puedo más con esto", sigCrisis},
	{"no puedo seguir asi", sigCrisis},
	{"soy una carga para todos", sigCrisis},
	{"me siento un estorbo", sigCrisis},
	{"nadie me extrañaría", sigCrisis},
	{"no me siento segura", sigCrisis},
	{"esta es mi despedida", sigCrisis},
	{"adiós para siempre", sigCrisis},
	{"me quiero tirar del puente", sigCrisis},
	{"quiero dormirme y no despertar", sigCrisis},
	{"ya no tiene sentido vivir", sigCrisis},
	{"tomé otra vez", sigRelapse},
	{"bebi anoche", sigRelapse},
	{"consumí de nuevo", sigRelapse},
	{"perdí mi sobriedad", sigRelapse},
	{"me puse borracho el sabado", sigRelapse},
	{"tuve una recaída", sigRelapse},

	{"no aguanto el calor", sigNone},
	{"ya no puedo ir el martes", sigNone},
	{"puedo ir mas tarde", sigNone},
	{"tirarme a dormir un rato", sigNone},
	{"tome el camion", sigNone},
	{"use el telefono de mi hermana", sigNone},
	{"estoy segura de que puedo", sigNone},
	{"perdi el camion", sigNone},
	{"tiene sentido", sigNone},
	{"no estoy segura", sigNone}, // "I am not sure", an everyday answer
	{"no estoy seguro de la fecha", sigNone},
	{"no me siento segura de lograrlo", sigNone},
}

func TestDetect_SpanishTwins(t *testing.T) {
	for _, p := range spanishSafetyPhrases {
		if got := detect(p.text); got != p.want {
			t.Errorf("detect(%q) = %v, want %v", p.text, got, p.want)
		}
		// The anchors let every pattern that matches run.
		if got, all := detect(p.text), heardIn(fold(p.text)); got != all {
			t.Errorf("detect(%q) = %v but the patterns alone hear %v: an anchor is missing", p.text, got, all)
		}
	}
}
