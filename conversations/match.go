package conversations

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/cairnbot/cairn/store"
)

// NumberedStep is a step with the number the member sees beside it.
type NumberedStep struct {
	N    int
	Step store.Step
}

// NumberedSteps orders steps the one way every list shows them (the
// summary, "steps", the check-in, App Home, "done N"): goal by goal (oldest
// first, so a second goal's steps are numbered on from the first's), then
// by due date, steps without a date last, then in the order they were
// added. It is the store's key order, restated here so a caller's order can
// never shift a number.
func NumberedSteps(steps []store.Step) []NumberedStep {
	sorted := slices.Clone(steps)
	slices.SortStableFunc(sorted, func(a, b store.Step) int {
		return cmp.Or(cmp.Compare(a.GoalID, b.GoalID), compareDue(a.Due, b.Due), cmp.Compare(a.ID, b.ID))
	})
	out := make([]NumberedStep, len(sorted))
	for i, st := range sorted {
		out[i] = NumberedStep{N: i + 1, Step: st}
	}
	return out
}

// stepChoice is the button that marks a step done, labelled with its number.
func stepChoice(ns NumberedStep) Choice {
	return Choice{Label: fmt.Sprintf("✓ %d. %s", ns.N, Clip(ns.Step.What, 30)), Value: prefixDone + strconv.FormatUint(ns.Step.ID, 10)}
}

// draftOrder is NumberedSteps for a goal not yet saved: the indexes of its
// drafts in the order they will be numbered once stored (steps get ids in
// the order they were added).
func draftOrder(drafts []StepDraft) []int {
	idx := make([]int, len(drafts))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return compareDue(drafts[a].Due, drafts[b].Due) })
	return idx
}

// compareDue orders by day, with no date after every date.
func compareDue(a, b time.Time) int {
	switch {
	case a.IsZero() && b.IsZero():
		return 0
	case a.IsZero():
		return 1
	case b.IsZero():
		return -1
	}
	return a.Compare(b)
}

// stepMatch is what an answer says about a list of steps: the ones it
// surely means, the ones it could mean equally (to ask about), and whether
// it was only a reference ("2", "the first one", "both") rather than words
// worth keeping as what the member did.
type stepMatch struct {
	Sure      []NumberedStep
	Ambiguous []NumberedStep
	OnlyRefs  bool
}

var (
	ordinalWords = map[string]int{"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
		"fourth": 4, "4th": 4, "fifth": 5, "5th": 5, "sixth": 6, "6th": 6, "seventh": 7, "7th": 7,
		"eighth": 8, "8th": 8, "ninth": 9, "9th": 9, "tenth": 10, "10th": 10,
		"primero": 1, "primera": 1, "segundo": 2, "segunda": 2, "tercero": 3, "tercera": 3,
		"primer": 1, "tercer": 3, "cuarto": 4, "cuarta": 4, "quinto": 5, "quinta": 5, "sexto": 6, "sexta": 6}
	allWords = map[string]bool{"all": true, "all of them": true, "all of it": true, "everything": true,
		"all done": true, "all the steps": true, "all steps": true, "every one": true, "every step": true,
		"all of those": true, "todos": true, "todo": true, "todas": true}
	bothWords = map[string]bool{"both": true, "both of them": true, "the both": true, "both steps": true, "los dos": true, "las dos": true, "ambos": true}
	// refFiller is what may surround a reference ("I did the first one",
	// "step #2", "number two").
	// (and in Spanish: "hice el primero", "ya terminé el 2", "el segundo paso también")
	refFiller = regexp.MustCompile(`^(i |yo )?(did|finished|completed|done|have done|did do|ya hice|hice|ya termin[eé]|termin[eé]|complet[eé]|ya complet[eé])?\s*(with |con )?(the |el |la |lo del |lo de la )?`)
	refTail   = regexp.MustCompile(`(\s+(one|ones|step|steps|paso|pasos))?(\s+(is|are|est[aá]|ya est[aá]))?(\s+(done|too|as well|hecho|listo|tambi[eé]n))?$`)
	refSplit  = regexp.MustCompile(`\s*(?:,|&|\band\b|\by\b|\+)\s*`)
	clauseSep = regexp.MustCompile(`\s*(?:[,;.]|\band then\b|\bthen\b|\band also\b|\balso\b|\band\b|\bplus\b|\by luego\b|\by tambi[eé]n\b|\by\b|\bluego\b)\s*`)
)

// matchSteps finds the steps an answer names, among the steps shown to the
// member (in the order shown): by number ("2", "#2", "number 2", "1 and
// 3"), by place ("the first one", "the last one"), all of them ("both",
// "all of them"), or by words ("I called them", "I did the housing one",
// "bought the fishing pole").
func matchSteps(answer string, shown []NumberedStep) stepMatch {
	w := normalize(answer)
	if w == "" || len(shown) == 0 {
		return stepMatch{}
	}
	if m, ok := matchRefs(w, shown); ok {
		sortByNumber(m.Ambiguous)
		return m
	}
	var m stepMatch
	clauses := clauseSep.Split(w, -1)
	if len(clauses) > 1 {
		clauses = append(clauses, w) // a step's own "and" ("call mom and dad")
	}
	var unsure []NumberedStep
	for _, c := range clauses {
		best := bestByWords(c, shown)
		switch len(best) {
		case 0:
		case 1:
			m.Sure = addStep(m.Sure, best[0])
		default:
			for _, b := range best {
				unsure = addStep(unsure, b)
			}
		}
	}
	for _, u := range unsure {
		if !slices.ContainsFunc(m.Sure, func(s NumberedStep) bool { return s.Step.ID == u.Step.ID }) {
			m.Ambiguous = append(m.Ambiguous, u)
		}
	}
	if len(m.Ambiguous) == 1 && len(m.Sure) > 0 {
		// "I called them and the job center": the other one is the one meant.
		m.Sure = addStep(m.Sure, m.Ambiguous[0])
		m.Ambiguous = nil
	}
	sortByNumber(m.Ambiguous)
	return m
}

func sortByNumber(ns []NumberedStep) {
	slices.SortFunc(ns, func(a, b NumberedStep) int { return cmp.Compare(a.N, b.N) })
}

func addStep(list []NumberedStep, s NumberedStep) []NumberedStep {
	if slices.ContainsFunc(list, func(x NumberedStep) bool { return x.Step.ID == s.Step.ID }) {
		return list
	}
	return append(list, s)
}

// matchRefs reads an answer made only of references to the list; ok is
// false when the answer has other words.
func matchRefs(w string, shown []NumberedStep) (stepMatch, bool) {
	w = strings.TrimSpace(refFiller.ReplaceAllString(w, ""))
	w = strings.TrimSpace(refTail.ReplaceAllString(w, ""))
	w = strings.TrimSpace(strings.TrimPrefix(w, "of them"))
	switch {
	case w == "":
		return stepMatch{}, false
	case allWords[w]:
		return stepMatch{Sure: slices.Clone(shown), OnlyRefs: true}, true
	case bothWords[w]:
		if len(shown) == 2 {
			return stepMatch{Sure: slices.Clone(shown), OnlyRefs: true}, true
		}
		return stepMatch{Ambiguous: slices.Clone(shown), OnlyRefs: true}, true
	}
	m := stepMatch{OnlyRefs: true}
	for _, part := range refSplit.Split(w, -1) {
		part = strings.TrimSpace(refTail.ReplaceAllString(strings.TrimPrefix(strings.TrimSpace(part), "the "), ""))
		if part == "" {
			continue
		}
		sure, unsure, ok := oneRef(part, shown)
		if !ok {
			return stepMatch{}, false
		}
		for _, s := range sure {
			m.Sure = addStep(m.Sure, s)
		}
		for _, u := range unsure {
			m.Ambiguous = addStep(m.Ambiguous, u)
		}
	}
	return m, true
}

// oneRef reads one reference. A number is the number beside a step; a
// place word ("the second") is its place in the list shown, and when that
// is another step than the one numbered so, both are offered.
func oneRef(part string, shown []NumberedStep) (sure, unsure []NumberedStep, ok bool) {
	for _, p := range []string{"step ", "number ", "no. ", "num ", "#", "paso ", "número ", "numero "} {
		part = strings.TrimSpace(strings.TrimPrefix(part, p))
	}
	byNumber := func(n int) []NumberedStep {
		for _, s := range shown {
			if s.N == n {
				return []NumberedStep{s}
			}
		}
		return nil
	}
	if n, err := strconv.Atoi(part); err == nil {
		return byNumber(n), nil, true
	}
	if n, isWord := wordNumbers[part]; isWord {
		return byNumber(n), nil, true
	}
	if part == "last" || part == "last one" || part == "último" || part == "ultimo" {
		return []NumberedStep{shown[len(shown)-1]}, nil, true
	}
	n, isOrdinal := ordinalWords[part]
	if !isOrdinal {
		return nil, nil, false
	}
	var byPlace []NumberedStep
	if n <= len(shown) {
		byPlace = []NumberedStep{shown[n-1]}
	}
	numbered := byNumber(n)
	switch {
	case len(byPlace) == 0:
		return numbered, nil, true
	case len(numbered) == 0 || numbered[0].Step.ID == byPlace[0].Step.ID:
		return byPlace, nil, true
	}
	return nil, append(byPlace, numbered...), true
}

// bestByWords is the step or steps a piece of an answer fits best by its
// content words (stem-insensitive: called/call/calling, applied/application);
// more than one when they fit equally.
func bestByWords(answer string, shown []NumberedStep) []NumberedStep {
	said := contentWords(answer)
	if len(said) == 0 {
		return nil
	}
	var best []NumberedStep
	bestScore := 0
	for _, s := range shown {
		what := normalize(s.Step.What)
		stepWords := contentWords(what)
		matched := 0
		for _, sw := range stepWords {
			if slices.ContainsFunc(said, func(a string) bool { return sameStem(a, sw) }) {
				matched++
			}
		}
		unmatched := 0
		for _, a := range said {
			if !slices.ContainsFunc(stepWords, func(sw string) bool { return sameStem(a, sw) }) {
				unmatched++
			}
		}
		score := matched
		whole := len(what) >= 4 && strings.Contains(answer, what)
		if whole {
			score += len(stepWords) + 1
		}
		// A fit: the step's own words, most of its words, two of them, or a
		// short answer that is all about it ("I called them").
		fits := whole || matched >= 2 ||
			(matched > 0 && matched*3 >= len(stepWords)*2) ||
			(matched > 0 && unmatched == 0)
		if !fits {
			continue
		}
		switch {
		case score > bestScore:
			best, bestScore = []NumberedStep{s}, score
		case score == bestScore:
			best = append(best, s)
		}
	}
	return best
}

// stopWords carry no step of their own: "I did the housing one" is about
// housing.
var stopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an the i i'm im me my mine myself we us our you your it its it's
		this that these those them they their he she him her his hers to of for in on at by with from up
		about into over out now and or but so then also too just finally already yesterday today last week
		did do done does doing got get gets getting went go goes going made make makes making
		finished finish completed complete started start tried try one ones thing things stuff step steps
		was were is are be been had has have having will would could can really actually yes yeah ok okay
		some any all both lot bit little well good great not no yo el la los las un una de del que y lo le mi
		al con para por en ya hice hizo fue fui esta este estas estos esa ese eso muy mas pero como su sus tu tus
		hecho listo paso pasos unos unas ayer hoy semana tambien todo todos nada algo`) {
		stopWords[w] = true
	}
}

// contentWords are an answer's words that can name a step, stemmed.
func contentWords(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\''
	}) {
		f = unaccent.Replace(strings.Trim(f, "'")) // "llamé" is "llame", typed with or without
		if len([]rune(f)) < 3 || stopWords[f] {
			continue
		}
		if c, ok := sameWord[f]; ok {
			f = c
		}
		out = append(out, stem(f))
	}
	return out
}

// sameWord maps irregular forms and the plainest synonyms to one word, so
// "I bought the pole" is "buy a fishing pole" and "spoke with Sam" is
// "talk with Sam".
var sameWord = map[string]string{
	"bought": "buy", "purchased": "buy", "purchase": "buy",
	"spoke": "talk", "spoken": "talk", "speak": "talk", "chatted": "talk", "chat": "talk",
	"phoned": "call", "phone": "call", "rang": "call", "ring": "call", "rung": "call",
	"wrote": "write", "written": "write", "sent": "send", "paid": "pay", "took": "take",
	"taken": "take", "found": "find", "met": "meet", "saw": "see", "seen": "see",
	"gave": "give", "given": "give", "told": "tell", "ran": "run", "brought": "bring",
	"visited": "visit", "signed": "sign", "registered": "register", "enrolled": "enroll",
}

// stemSuffixes are cut longest first; enough to make called, calling and
// call one word, and applied, applying, application and apply one stem.
var stemSuffixes = []string{"ication", "ations", "ation", "ments", "ment", "ings", "ing", "ied", "ies",
	"ed", "es", "s", "e", "y"}

func stem(w string) string {
	for _, suf := range stemSuffixes {
		if rest, ok := strings.CutSuffix(w, suf); ok && len([]rune(rest)) >= 3 {
			w = rest
			break
		}
	}
	// "called" → "call", "shopping" → "shopp" → "shop".
	if r := []rune(w); len(r) >= 4 && r[len(r)-1] == r[len(r)-2] && r[len(r)-1] != 'l' && r[len(r)-1] != 's' {
		w = string(r[:len(r)-1])
	}
	return w
}

// sameStem is true for two stems of one word: equal, or one a short
// extension of the other ("appl"/"apply" is cut, "hous"/"housing" too),
// or one Spanish word ("llam" of "llamé" and "llamar", see esStem).
func sameStem(a, b string) bool {
	if a == b || esStem(a) == esStem(b) {
		return true
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	return len(a) >= 4 && strings.HasPrefix(b, a) && len(b)-len(a) <= 2
}

// Who does a step.

var (
	meWords = map[string]bool{"me": true, "i": true, "myself": true, "me myself": true, "just me": true, "me!": true,
		"i will": true, "i'll": true, "i will do it": true, "i'll do it": true, "i do": true, "i can": true, "i'll do that": true,
		"mine": true, "me, myself": true, "yo": true, "mi": true, "mí": true, "yo mismo": true, "yo misma": true,
		"yo lo hago": true, "lo hago yo": true, "me mismo": true, "solo yo": true, "me personally": true, "i am": true, "i'm doing it": true,
		"yo mismo/a": true, "yo misma/o": true, "yo solo": true, "yo sola": true, "yo misma lo hago": true, "yo mismo lo hago": true,
		"lo hago yo mismo": true, "lo hago yo misma": true, "yo me encargo": true, "yo lo haré": true, "yo lo hare": true, "mí mismo": true,
		"mí misma": true, "mi mismo": true, "mi misma": true}
	navWords  = regexp.MustCompile(`\b(navigator|navigators|navegador|navegadora|nav|coach)\b`)
	notPerson = regexp.MustCompile(`\b(date|day|days|week|weeks|month|months|today|tonight|tomorrow|yesterday|keep|sooner|later|soon|asap|morning|afternoon|evening|whenever)\b|\?` +
		`|\b(fecha|dia|dias|semana|semanas|mes|meses|hoy|manana|ayer|pronto|luego|despues|tarde|noche|mantener|dejar)\b`)
	notSure = map[string]bool{"idk": true, "i don't know": true, "dont know": true, "don't know": true, "not sure": true,
		"no one": true, "nobody": true, "no": true, "yes": true, "ok": true, "okay": true, "none": true, "no se": true, "no sé": true,
		"who": true, "what": true, "huh": true, "dunno": true, "someone": true, "somebody": true, "anyone": true,
		"save": true, "save it": true, "skip": true, "next": true, "done": true, "that's all": true, "nothing": true, "whatever": true,
		"nadie": true, "ninguno": true, "ninguna": true, "alguien": true, "quien": true, "quién": true, "qué": true, "que": true, "ni idea": true}
)

// stepVerb leads a step, not a name: "call the bakery" said again at "Who
// will do this step?" is the step, never a person called that.
var stepVerb = regexp.MustCompile(`^(call|go|get|buy|ask|apply|find|make|visit|fill|write|email|text|look|take|book|see|talk|meet|` +
	`pick|send|check|start|sign|do|read|clean|pay|open|finish|try|work|walk|learn|print|update|bring|drop|set|join|register|` +
	`llamar|ir|comprar|pedir|buscar|hacer|visitar|llenar|escribir|mandar|enviar|hablar|ver|sacar|pagar|terminar|empezar)\s+\S`)

// whoOf reads who will do a step from typed words. ok is false when the
// words are not a person (a date, "keep this date", "not sure"): the
// question is asked again. A name keeps the member's words ("my sister
// Dana"), trimmed.
func whoOf(text string, now time.Time) (owner store.OwnerKind, name string, ok bool) {
	w := normalize(text)
	for _, suf := range doerSuffixes {
		w = strings.TrimSpace(strings.TrimSuffix(w, suf))
	}
	switch {
	case w == "" || !hasLetterOrDigit(w):
		return "", "", false
	case meWords[w]:
		return store.OwnerMe, "", true
	case navWords.MatchString(w):
		return store.OwnerNavigator, "", true
	case notSure[w] || esIsIDK(w) || strings.Contains(text, "?") || looksLikeDay(text, now):
		return "", "", false
	}
	if len(strings.Fields(w)) > 5 || stepVerb.MatchString(w) {
		return "", "", false
	}
	name = strings.TrimRightFunc(strings.TrimSpace(text), func(r rune) bool { return r == '.' || r == '!' })
	for _, suf := range doerSuffixes {
		if len(name) > len(suf) && strings.EqualFold(name[len(name)-len(suf):], suf) {
			name = strings.TrimSpace(name[:len(name)-len(suf)])
		}
	}
	return store.OwnerPerson, name, true
}

// markInCheckIn marks steps done in the check-in under way, confirming
// each with its stone number: how many of the member's steps are done now,
// this one included.
func (t *turn) markInCheckIn(steps []store.Step) {
	ci := &t.s.CheckIn
	for _, st := range steps {
		if slices.Contains(ci.StepsDone, st.ID) {
			continue
		}
		ci.StepsDone = append(ci.StepsDone, st.ID)
		t.say(fmt.Sprintf(t.w.MarkedStone, st.What, t.stonesDone()))
	}
}

// stonesDone counts the member's finished steps, those marked in the
// check-in under way included.
func (t *turn) stonesDone() int {
	n := 0
	for _, st := range t.c.Steps {
		if st.Done() || slices.Contains(t.s.CheckIn.StepsDone, st.ID) {
			n++
		}
	}
	return n
}

// askWhich asks which of steps that fit an answer equally was meant, with a
// button for each.
func (t *turn) askWhich(steps []NumberedStep, extra ...Choice) {
	var choices []Choice
	for _, ns := range steps {
		choices = append(choices, stepChoice(ns))
	}
	t.say(t.w.WhichStep, append(choices, extra...)...)
}

// findStep is the one step ref names among all the member's steps ("2",
// "the first one", "housing"), or nil when it names none or several.
func (t *turn) findStep(ref string) *store.Step {
	m := matchSteps(ref, NumberedSteps(t.c.Steps))
	if len(m.Sure) != 1 || len(m.Ambiguous) > 0 {
		return nil
	}
	return t.stepByID(strconv.FormatUint(m.Sure[0].Step.ID, 10))
}

// markDoneDirect handles "done 2", "done the housing one" or a done button
// outside a check-in.
func (t *turn) markDoneDirect(word string) {
	var steps []store.Step
	if id, ok := strings.CutPrefix(t.action, prefixDone); ok {
		if st := t.stepByID(id); st != nil {
			steps = append(steps, *st)
		}
	} else if st := t.findStep(strings.TrimPrefix(word, "done ")); st != nil {
		steps = append(steps, *st)
	} else {
		m := matchSteps(strings.TrimPrefix(word, "done "), NumberedSteps(t.c.Steps))
		var open []NumberedStep
		for _, ns := range m.Ambiguous {
			if !ns.Step.Done() {
				open = append(open, ns)
			}
		}
		switch {
		case len(m.Sure) == 0 && len(open) == 1:
			m.Sure = open // of two that fit, only one is still to do
		case len(open) > 1:
			t.askWhich(open)
			return
		}
		for _, ns := range m.Sure {
			steps = append(steps, ns.Step)
		}
	}
	if len(steps) == 0 {
		t.say(t.w.StepNotFound)
		return
	}
	done := 0
	for _, st := range t.c.Steps {
		if st.Done() {
			done++
		}
	}
	for _, st := range steps {
		if st.Done() {
			if len(steps) == 1 { // "done all" passes quietly over the finished ones
				t.say(fmt.Sprintf(t.w.StepAlreadyDone, st.What))
			}
			continue
		}
		if slices.Contains(t.res.Done, st.ID) {
			continue
		}
		t.res.Done = append(t.res.Done, st.ID)
		done++
		t.say(fmt.Sprintf(t.w.MarkedStone, st.What, done))
	}
}

// looksLikeDay is true for an answer about when rather than who: a date
// ParseDate reads ("Friday", "the 20th"), "keep this date", "tomorrow".
func looksLikeDay(text string, now time.Time) bool {
	w := normalize(text)
	if notPerson.MatchString(w) || notPerson.MatchString(unaccent.Replace(w)) || strings.ContainsAny(w, "0123456789") {
		return true
	}
	for _, l := range []Lang{English, Spanish} { // a day in either language is not a person
		if _, err := ParseDateIn(l, text, now); err == nil {
			return true
		}
	}
	return false
}

// answerWho takes typed words as who will do the step; words that are not
// a person ("keep this date", "Friday", "not sure") get the question again,
// kindly, with its three buttons.
func (t *turn) answerWho() {
	if owner, name, ok := whoOf(t.text, t.now); ok {
		t.finishStep(owner, name)
		return
	}
	lead := t.w.WhoAgain
	if t.text != "" && looksLikeDay(t.text, t.now) {
		lead = fmt.Sprintf(t.w.WhoNotADay, t.sayDate(t.s.Draft.Due))
	}
	t.s.Stage = stageStepWho // the buttons answer it, from the name question too
	t.say(lead, whoChoices(t.w)...)
}

func whoChoices(w *Words) []Choice {
	return []Choice{{w.WhoMe, actWhoMe}, {w.WhoNavigator, actWhoNav}, {w.WhoOther, actWhoOther}, {w.HelperPick, ActPickHelper}}
}

// esSuffixes are Spanish verb and noun endings, longest first: enough to
// make llamé, llamar, llamando and llamaste one stem. They are cut from a
// stem stem() already made, so English words keep matching as they did.
var esSuffixes = []string{"ieron", "iendo", "aron", "aste", "iste", "amos", "imos", "ando", "ado", "ada", "ido", "ida",
	"ar", "er", "ir", "os", "as", "o", "a", "e"}

// esStem cuts a Spanish ending off a stem, keeping at least four letters
// (so short English words like "water" are never cut to "wat").
func esStem(w string) string {
	for _, suf := range esSuffixes {
		if rest, ok := strings.CutSuffix(w, suf); ok && len([]rune(rest)) >= 4 {
			return rest
		}
	}
	return w
}
