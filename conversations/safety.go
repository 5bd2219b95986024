package conversations

import (
	"regexp"
	"strings"
	"unicode"
)

// Safety comes before every other reading of what a member typed: words of
// crisis, a setback, or a harsh word about themselves are answered as such,
// never stored as a dream, a step or a check-in answer.

// signal is what the safety check heard in a message.
type signal int

const (
	sigNone    signal = iota
	sigCrisis         // suicide, self-harm, overdose, acute crisis
	sigRelapse        // a relapse or setback in recovery
	sigLow            // "I'm useless": a harsh word about oneself
)

func (s signal) String() string {
	return [...]string{"none", "crisis", "relapse", "low"}[s]
}

// Asides: a crisis or a reflection holds the flow (see State.Aside).
const (
	asideCrisis  = "crisis"
	asideReflect = "reflect"
	// asideOffer: the offer of a person is the question on the table, for
	// one turn, so a typed "yes" or "no" answers it.
	asideOffer = "offer"
)

// Button values of the safety replies.
const (
	actNotNow   = "safety:not_now"
	actContinue = "safety:continue"
)

// setbackBarrier is how a relapse lands in a check-in: as something that got
// in the way, which the digest shows only as the member's sharing allows.
const setbackBarrier = "setback"

// safeIdioms are everyday phrases with crisis words in them. They are cut
// out before the patterns run, so "a garden to die for" stays a garden while
// "I want to die" in the same message is still heard.
var safeIdioms = regexp.MustCompile(`\b(` + strings.Join([]string{
	`(to|would|could|id|i would|i d) die for`, `dying (to|for)`, `died? (laughing|of (laughter|embarrassment|boredom|shame))`,
	`dead tired`, `killing (it|me)`, `kill (for|time)`, `not suicidal`, `suicide (prevention|awareness|squad)`,
	`die (my|her|his) hair`,
	`(cut|cutting|hurt|hurting) my ?self (shaving|cooking|on|by accident|accidentally|while|at the gym|lifting|playing|working out|at work|running)`,
	`(take|took|taking) all (my|of my) (pills|meds|medication|medicine) (on time|every|each|as prescribed|today|this morning)`,
	`no quiero vivir (en|con|cerca|lejos|alli|ahi)`, `me corte (el|la) (pelo|cabello|dedo|mano|una)`,
	`me muero de (ganas|risa|hambre|sueno)`,
}, "|") + `)\b`)

// crisisWords follow the direct and indirect warning signs of crisis-line
// training (wanting to die, to kill or hurt oneself, being a burden, no
// reason to live, unbearable pain, goodbyes, too many pills), in English and
// Spanish, with the spellings people type in a hurry.
var crisisWords = regexp.MustCompile(`\b(` + strings.Join([]string{
	`(kill|kil|killing|killin|hurt|hurting|harm|harming|cut|cutting|burn|burning|hang|hanging|shoot|shooting|drown|drowning|poison|unalive|off|offing) (my ?self|my ?slef|myslef|mself)`,
	`kms`, `suicid\w*`, `sucid\w*`, `suicd\w*`, `suisid\w*`, `suicde`,
	`self ?harm\w*`,
	`(want|wanna|wana|wnt|ready|wish|wished|longing|praying|going|gonna) (to |too |2 )?(die|be dead|not be alive|not exist|not wake up|disappear forever)`,
	`wish (i|id) (was|were|had) (dead|never been born|not here|gone)`,
	`end(ing)? (it all|it tonight|my life|my own life|everything)`,
	`(take|taking|took) my (own )?life`,
	`(dont|do not|dnt) (really )?(want|wanna|wana) (to )?(live|be alive|be here anymore|be here any more|exist|wake up|go on)`,
	`see (the|any) point (anymore|any more|in (living|life|anything|going on|trying)|of (living|life|anything))`,
	`no point (in |to )?(living|life|anything|going on|anymore|any more)`,
	`whats the point (of|in) (living|life|going on)`,
	`no (reason|reasons) (to|for) (live|living|go on|going on|keep going|be here)`, `nothing (left )?to live for`,
	`better off (without me|dead|if i (was|were|wasnt|werent|didnt|was not|were not|die|died|m gone)|if im gone)`,
	`(cant|can not|cannot) (go on( like this| anymore| any more| living)?$|go on like this|go on anymore|take (it|this|the pain) (anymore|any more)|keep going|do this anymore|live like this)`,
	`(no ?one|nobody|noone) (would|will|is going to|gonna) (miss me|care if i (died|die|was gone|were gone|disappeared))`,
	`this is (my )?goodbye`, `goodbye forever`, `saying goodbye to everyone`,
	`(im|i am) not safe`, `(dont|do not) feel safe`,
	`(im|i am|i feel like|feel like) (such |just )?a burden`,
	`overdos\w*`, `over dos(e|ed|ing)`, `oding`,
	`(took|take|taking|swallowed|gonna take|going to take) (too many|all (my|the|of my)|a (whole )?bottle of|a bunch of|a handful of) (pills|meds|medication|tablets)`,
	`(jump|jumping) (off|from) (a|the) (bridge|roof|building)`,
	// Spanish.
	`(me )?quiero morir(me)?`, `quiero (estar muert[oa]|desaparecer)`, `(me quiero|me voy a) matar`, `matarme`,
	`no quiero (vivir|seguir viviendo|seguir aqui|despertar)`, `quitarme la vida`, `acabar con (todo|mi vida)`,
	`(estarian|estaria|estaran) mejor sin mi`, `no vale la pena (vivir|seguir)`, `sobredosis`,
	`(tome|tomar|tomado|me tome|voy a tomar) (demasiadas|todas (mis|las)) (pastillas|pildoras)`,
	`hacerme dano`, `lastimarme`, `cortarme`, `me corte`, `me lastime`, `me hice dano`,
	// Spanish for the English above that had no twin: "I can't take it
	// anymore", "a burden", "nobody would miss me", "not safe", "goodbye".
	`(ya )?no (aguanto|soporto|puedo) mas`, `ya no (aguanto|soporto|puedo)$`, `no puedo seguir (asi|viviendo|mas)`,
	`(soy|me siento) (una|un) (carga|estorbo)`, `nadie me (extranaria|va a extranar|extranaria si)`,
	`no estoy a salvo`, `no me siento a salvo`, `no me siento segur[oa]( aqui| en casa| conmigo mism[oa])?$`, `(esta es mi|me estoy) despedida`, `adios para siempre`,
	`ahorcarme`, `colgarme del`, `(aventarme|tirarme|me quiero tirar|me quiero aventar|me voy a tirar|me voy a aventar) (de|del|desde) (un |una |el |la )?(puente|edificio|techo|azotea|piso)`,
	`no quiero despertar`,
	`quiero dormir(me)? y no despertar`, `ya no tiene sentido (vivir|seguir|nada)`, `mejor (estar )?muert[oa]`,
}, "|") + `)\b`)

// relapseWords are a relapse or a setback told in the first person.
var relapseWords = regexp.MustCompile(`\b(` + strings.Join([]string{
	`relapsed`, `(had|have had|having|i had) a (relapse|slip|lapse)`,
	`i (used|drank|smoked|picked up|shot up|drank alcohol|used drugs) (again|last night|yesterday|this (week|weekend|morning)|over the weekend|on (monday|tuesday|wednesday|thursday|friday|saturday|sunday|the weekend)|at (a|the) party)`,
	`(got|get|getting) (high|drunk|wasted|loaded|stoned)`,
	`back (in|to|into) (detox|rehab)`, `slip(ped)? up`, `fell off the wagon`,
	`(started|start|went back to|back to) (drinking|using|drugs)( again)?`,
	`lost my (sobriety|clean time|sober date)`, `(reset|restarted|restart) my (sober|clean) (date|days|time|count)`, `broke my sobriety`,
	// Spanish.
	`recai`, `reca(ida|ido)`, `volvi a (tomar|beber|consumir|usar|drogarme|caer)`,
	`(otra vez|de nuevo) en (desintoxicacion|rehabilitacion|detox)`, `me emborrache`, `me drogue`,
	`(tome|bebi|consumi|fume|use|me meti algo) (otra vez|de nuevo|ayer|anoche|el fin de semana|este fin)`,
	`perdi (mi sobriedad|mis dias limpios|mi tiempo limpio)`, `me puse (borrach[oa]|pedo|hasta atras)`,
	`tuve una (recaida|caida)`,
}, "|") + `)\b`)

// lowWords are harsh words about oneself, met with a kind question.
var lowWords = regexp.MustCompile(`\b(` + strings.Join([]string{
	`(im|i am|i feel|i feel so|feel) (so |such |just |totally |completely )*(a )?(useless|worthless|failure|loser|hopeless|waste of space)`,
	`(cant|can not|cannot|never) do anything right`, `i (always )?(mess|screw) (everything|it all) up`, `i ruin everything`,
	// Spanish.
	`no sirvo para nada`, `soy (un|una) (fracaso|inutil|desastre)`, `no hago nada bien`,
}, "|") + `)\b`)

// odApostrophe is "OD'd", read before apostrophes are dropped (when it
// would become the word "odd").
var odApostrophe = regexp.MustCompile(`\bod'd\b`)

// unaccent takes the accents off Spanish letters, which people type with or
// without.
var unaccent = strings.NewReplacer("á", "a", "é", "e", "í", "i", "ó", "o", "ú", "u", "ü", "u", "ñ", "n",
	"à", "a", "è", "e", "ì", "i", "ò", "o", "ù", "u")

// fold makes text comparable: lower case, no accents ("recaí" → "recai"),
// no apostrophes ("don't" → "dont", as many people type it anyway), and
// any other punctuation a space.
func fold(text string) string {
	text = strings.ToLower(strings.ReplaceAll(text, "’", "'"))
	text = odApostrophe.ReplaceAllString(text, "overdosed")
	var b strings.Builder
	for _, r := range unaccent.Replace(text) {
		switch {
		case r == '\'':
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		default:
			b.WriteByte(' ')
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// detect reads a message for crisis, then relapse, then harsh words about
// oneself: the most urgent is answered.
func detect(text string) signal {
	if text == "" {
		return sigNone
	}
	w := fold(text)
	if !mayMatter(w) {
		return sigNone
	}
	return heardIn(w)
}

// heardIn runs the patterns over folded text.
func heardIn(w string) signal {
	w = safeIdioms.ReplaceAllString(w, " ")
	switch {
	case crisisWords.MatchString(w):
		return sigCrisis
	case relapseWords.MatchString(w):
		return sigRelapse
	case lowWords.MatchString(w):
		return sigLow
	}
	return sigNone
}

// anchors are words (in folded text) of which every pattern above needs at
// least one: a message with none of them cannot be heard as crisis, a
// setback or a harsh word, and the patterns — the costliest part of a turn,
// about 0.3 µs a byte — need not run. Each group follows the patterns in
// order; a pattern added above needs its anchor here (FuzzDetect compares
// detect with and without this look, from every phrase of the table).
var anchors = []string{
	// crisis
	"self", "slef", "kms", "suic", "sucid", "suisid", "harm", "die", "dead", "alive", "exist", "wake up",
	"disappear", "wish", "end", "life", "wan", "wnt", "point", "reason", "live", "better off", "can",
	"miss me", "care if", "goodbye", "safe", "burden", "overdos", "over dos", "oding", "pill", "med",
	"tablet", "jump",
	"morir", "muert", "desaparec", "matar", "no quiero", "vida", "acabar", "mejor sin", "vale la pena",
	"sobredosis", "pastilla", "pildora", "dano", "lastim", "cort",
	"aguanto", "soporto", "puedo", "carga", "estorbo", "extran", "salvo", "segur", "despedida", "adios",
	"ahorcar", "colgar", "tirar", "aventar", "despertar", "sentido",
	// relapse
	"lapse", "slip", "used", "drank", "smoked", "picked up", "shot up", "high", "drunk", "wasted",
	"loaded", "stoned", "detox", "rehab", "wagon", "drinking", "using", "drugs", "sobri", "sober",
	"clean", "reca", "volvi a", "desintox", "emborrach", "drogue",
	"tome", "bebi", "consumi", "fume", "use", "meti", "perdi", "borrach", "pedo", "hasta atras", "caida",
	// harsh words about oneself
	"useless", "worthless", "failure", "loser", "hopeless", "waste of space", "anything right", "mess",
	"screw", "ruin", "sirvo", "fracaso", "inutil", "desastre", "nada bien",
}

// mayMatter reports whether folded text holds any anchor.
func mayMatter(w string) bool {
	for _, a := range anchors {
		if wordStart[a] {
			if atWordStart(w, a) {
				return true
			}
		} else if strings.Contains(w, a) {
			return true
		}
	}
	return false
}

// wordStart are anchors that count only at the start of a word: inside one
// they are everyday text ("because", "friend", "tomatoes", "medium") and
// would let the patterns run on nearly every message. Each pattern's use of
// them starts a word ("end it all", "can't go on", "used again", "meds").
var wordStart = map[string]bool{
	"end": true, "can": true, "use": true, "used": true, "med": true, "wan": true, "wnt": true, "die": true,
	"tome": true, "pedo": true, "cort": true, "reca": true, "fume": true, "meti": true, "bebi": true,
	"high": true, "wish": true, "live": true, "mess": true, "dano": true, "vida": true, "ruin": true,
	"point": true, "safe": true, "clean": true, "pill": true, "dead": true, "jump": true, "life": true,
}

// atWordStart reports whether a starts a word somewhere in folded text w,
// where a word starts as regexp's \b has it.
func atWordStart(w, a string) bool {
	for i := 0; ; {
		j := strings.Index(w[i:], a)
		if j < 0 {
			return false
		}
		// A start as the patterns' \b sees it: after anything but an ASCII
		// letter, digit or underscore (so after "ђ", as in "ђend it all").
		if i+j == 0 || !isASCIIWordByte(w[i+j-1]) {
			return true
		}
		i += j + 1
	}
}

// asideWords are commands that end an aside and then work as always.
var asideWords = map[string]bool{"hi": true, "hello": true, "hey": true, "hiya": true, "resume": true, "continue": true,
	"where was i": true, "good morning": true, "good evening": true, "go on": true, "back": true, "go back": true, "undo": true,
	"help": true, "?": true, "menu": true, "commands": true, "what can i say": true,
	"cancel": true, "stop": true, "quit": true, "exit": true, "never mind": true, "nevermind": true,
	"seguir": true, "continuar": true, "sigamos": true}

// safety answers a message before anything else reads it. It reports
// whether it did; the state is left where it was, and nothing the member
// typed is kept.
func (t *turn) safety() bool {
	word := normalize(t.text)
	if t.action == "" && t.s.Aside != "" && word == normalize(t.w.ChoiceNotNow) {
		t.action = actNotNow
	}
	if t.action == "" && (t.s.Aside == asideCrisis || t.s.Aside == asideOffer) {
		// "yes" to "Would you like me to let your navigator know?" must
		// reach a person, never answer the flow's question beneath.
		switch {
		case yesWords[word] || word == normalize(t.w.ChoiceTellNavigator) || word == normalize(t.w.PersonYes):
			t.action = ActTalkToPerson
		case noWords[word] && t.s.Aside == asideCrisis:
			t.action = actNotNow
		case noWords[word]:
			t.action = actPersonNo
		}
	}
	switch t.action {
	case actNotNow:
		t.s.Aside = ""
		if t.s.Active() {
			t.say(t.w.CrisisNotNow)
			t.ask()
		} else {
			t.say(t.w.CrisisNotNow, t.menuChoices()...)
		}
		return true
	case actContinue:
		t.s.Aside = ""
		if !t.s.Active() {
			t.say(t.w.Menu, t.menuChoices()...)
			return true
		}
		t.resume()
		return true
	case "":
		heard := t.heard
		if heard == nil {
			h := detect(t.text)
			heard = &h
		}
		switch *heard {
		case sigCrisis:
			t.crisis()
			return true
		case sigRelapse:
			t.setback()
			return true
		case sigLow:
			t.say(t.w.LowSelf, Choice{t.w.ChoiceTellNavigator, ActTalkToPerson})
			if t.s.Active() && t.s.Aside != asideCrisis {
				t.s.Aside = asideReflect
			}
			return true
		}
	}
	if t.s.Aside == "" {
		return false
	}
	if t.action != "" || asideWords[word] || myDataWords[word] || forgetWords[word] || commandWord(word) {
		t.s.Aside = "" // the member chose to go on (or to do something else)
		return false
	}
	if t.s.Aside == asideOffer {
		t.s.Aside = "" // not an answer to the offer: the line is read as always
		return false
	}
	if t.s.Aside == asideReflect {
		// The answer to a reflection is the member's own; it is not stored.
		t.s.Aside = ""
		t.say(t.w.ReflectThanks)
		t.ask()
		return true
	}
	t.say(t.w.CrisisHeld, Choice{t.w.ChoiceTellNavigator, ActTalkToPerson}, Choice{t.w.ChoiceContinue, actContinue})
	return true
}

// crisis is the reply to words of crisis: warm words, who to call, and the
// offer of a person. The flow waits (State.Aside) until the member goes on.
func (t *turn) crisis() {
	contacts := t.w.Lifeline988
	if c := strings.TrimSpace(t.c.CrisisContacts); c != "" {
		contacts = t.w.GroupContacts + "\n" + c
	}
	t.say(t.w.Crisis+"\n"+contacts+"\n"+t.w.Emergency+"\n"+t.w.CrisisOffer,
		Choice{t.w.ChoiceTellNavigator, ActTalkToPerson}, Choice{t.w.ChoiceNotNow, actNotNow})
	if t.s.Active() {
		t.s.Aside = asideCrisis
	} else {
		t.s.Aside = asideOffer
	}
}

// setback answers a relapse without judgement. In a check-in it lands as
// something that got in the way (never as something done), and the
// check-in goes on from the plan.
func (t *turn) setback() {
	t.say(t.w.Setback, Choice{t.w.ChoiceTellNavigator, ActTalkToPerson})
	if !t.s.Active() {
		t.s.Aside = asideOffer // the offer is the only question on the table
		return
	}
	t.s.Aside = "" // its question is asked again just below
	ci := &t.s.CheckIn
	if t.s.Flow == FlowCheckIn {
		switch {
		case ci.Barrier == "":
			ci.Barrier = setbackBarrier
		case !strings.Contains(ci.Barrier, setbackBarrier):
			ci.Barrier += ", " + setbackBarrier
		}
		ci.Last = answerBarrier // "Just for me" is offered for it next
		switch t.s.Stage {
		case stageDid, stageBarrier, stageBarrierOther:
			t.advance(stagePlan)
		}
	}
	t.ask()
}

func isASCIIWordByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}
