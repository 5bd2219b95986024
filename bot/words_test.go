package bot_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/cairnbot/cairn/conversations"
)

// parseDir parses the Go files of dir that keep tells it to.
func parseDir(t *testing.T, dir string, keep func(name string) bool) (*token.FileSet, map[string]*ast.File) {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	files := map[string]*ast.File{}
	for _, name := range names {
		if !keep(filepath.Base(name)) {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		files[name] = f
	}
	if len(files) == 0 {
		t.Fatalf("no Go files in %s", dir)
	}
	return fset, files
}

func notTest(name string) bool { return !strings.HasSuffix(name, "_test.go") }

// sentenceLike is a literal a person could read: two words, or one
// capitalised word ("Save", "Cancel", "Done").
var sentenceLike = regexp.MustCompile(`\p{L}{2,}\p{P}?\s+\p{L}{2,}|^\p{Lu}\p{Ll}+[.!?…]?$`)

// notWords are literals that look like words but are Go time layouts or
// Slack's own names, never shown as a sentence.
var notWords = regexp.MustCompile(`^(Monday|January|Mon|Jan)\b|^[a-z_]+(\.[a-z_]+)+$`)

// TestWords_NoSentenceInBot: every sentence a person reads in bot comes from
// the catalogue (conversations.WordsFor). A string literal that reads like
// words is allowed only where no person reads it, by these rules:
//   - what an operator reads: the arguments of a log call (Debug, Info,
//     Warn, Error), errors.New, fmt.Errorf, panic and http.Error;
//   - the app manifest (manifest.go): the reasons for each scope and event
//     are read by whoever installs Cairn in Slack, an operator;
//   - the text of an error: what an Error method returns, and the why of a
//     refusal (a field named why), both logged;
//   - what the audit trail records (a constant or variable named audit…,
//     the What of a store.AuditEntry): the program's records, not a message;
//   - words matched, never shown: a case of a switch, a side of == or !=;
//   - import paths and struct tags, which are not expressions.
func TestWords_NoSentenceInBot(t *testing.T) {
	fset, files := parseDir(t, ".", func(name string) bool { return notTest(name) && name != "manifest.go" })
	for _, f := range files {
		skip := map[ast.Expr]bool{}
		ast.Inspect(f, func(n ast.Node) bool {
			if e, ok := n.(ast.Expr); ok && skip[e] {
				return false
			}
			switch n := n.(type) {
			case *ast.ImportSpec:
				return false
			case *ast.FuncDecl:
				if n.Recv != nil && n.Name.Name == "Error" {
					return false
				}
			case *ast.ValueSpec:
				for _, name := range n.Names {
					if strings.HasPrefix(name.Name, "audit") {
						return false
					}
				}
			case *ast.CompositeLit:
				if sel, ok := n.Type.(*ast.SelectorExpr); ok && sel.Sel.Name == "AuditEntry" {
					for _, e := range n.Elts {
						if kv, ok := e.(*ast.KeyValueExpr); ok {
							if k, ok := kv.Key.(*ast.Ident); ok && k.Name == "What" {
								skip[kv.Value] = true
							}
						}
					}
				}
			case *ast.KeyValueExpr:
				if k, ok := n.Key.(*ast.Ident); ok && k.Name == "why" {
					return false
				}
			case *ast.CaseClause:
				for _, e := range n.List {
					skip[e] = true
				}
			case *ast.BinaryExpr:
				if n.Op == token.EQL || n.Op == token.NEQ {
					skip[n.X], skip[n.Y] = true, true
				}
			case *ast.CallExpr:
				if operatorCall(n) {
					return false
				}
			case *ast.BasicLit:
				if n.Kind != token.STRING {
					return true
				}
				s, err := strconv.Unquote(n.Value)
				if err != nil {
					t.Fatalf("%s: %v", fset.Position(n.Pos()), err)
				}
				if sentenceLike.MatchString(s) && !notWords.MatchString(s) {
					t.Errorf("%s: %q reads like words a person sees: put it in the catalogue (conversations/words_*.go)", fset.Position(n.Pos()), s)
				}
			}
			return true
		})
	}
}

// operatorCall is a call whose text only an operator reads.
func operatorCall(c *ast.CallExpr) bool {
	switch fn := c.Fun.(type) {
	case *ast.Ident:
		return fn.Name == "panic"
	case *ast.SelectorExpr:
		switch fn.Sel.Name {
		case "Debug", "Info", "Warn", "Error", "DebugContext", "InfoContext", "WarnContext", "ErrorContext":
			return true // a logger's methods (and http.Error, which answers Slack's servers)
		case "New", "Errorf":
			pkg, ok := fn.X.(*ast.Ident)
			return ok && (pkg.Name == "errors" || pkg.Name == "fmt")
		}
	}
	return false
}

// conversationValues are the values conversations exports for bot (its
// Act… constants: "goal:start", "help", "person:yes", …), read from its
// source so that a new one is covered without changing this test.
func conversationValues(t *testing.T) map[string]string {
	t.Helper()
	_, files := parseDir(t, "../conversations", notTest)
	consts := map[string]ast.Expr{}
	for _, f := range files {
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, spec := range g.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, name := range vs.Names {
					if i < len(vs.Values) {
						consts[name.Name] = vs.Values[i]
					}
				}
			}
		}
	}
	var value func(e ast.Expr, depth int) (string, bool)
	value = func(e ast.Expr, depth int) (string, bool) {
		switch e := e.(type) {
		case *ast.BasicLit:
			if e.Kind == token.STRING {
				s, err := strconv.Unquote(e.Value)
				return s, err == nil
			}
		case *ast.Ident: // an alias of another constant
			if next, ok := consts[e.Name]; ok && depth < 5 {
				return value(next, depth+1)
			}
		}
		return "", false
	}
	out := map[string]string{}
	for name, e := range consts {
		if !strings.HasPrefix(name, "Act") {
			continue
		}
		if s, ok := value(e, 0); ok && s != "" {
			out[s] = "conversations." + name
		}
	}
	// Named, not spelled, like everything else here.
	for _, must := range []string{conversations.ActGoal, conversations.ActCheckIn, conversations.ActSteps, conversations.ActHelp, conversations.ActPersonYes, conversations.ActTalkToPerson} {
		if _, ok := out[must]; !ok {
			t.Fatalf("the test did not find %q among conversations' Act constants: it reads the wrong ones", must)
		}
	}
	return out
}

// TestWords_BotNamesConversationValues: bot (its code and its tests) names
// the values conversations exports (conversations.ActGoal), never spells
// them, so a change there cannot silently break a button here. A value
// that is also a word a person types ("help") is flagged where it is used
// as a value — an Action or Value field, a button, a press, a comparison
// with a Value or Action — and not where a person types it (h.dm("help")).
func TestWords_BotNamesConversationValues(t *testing.T) {
	values := conversationValues(t)
	fset, files := parseDir(t, ".", func(string) bool { return true })
	for _, f := range files {
		var stack []ast.Node
		ast.Inspect(f, func(n ast.Node) bool {
			if n == nil {
				stack = stack[:len(stack)-1]
				return true
			}
			stack = append(stack, n)
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil {
				return true
			}
			name, ok := values[s]
			if !ok {
				return true
			}
			if strings.ContainsAny(s, ":_") || valuePosition(stack) {
				t.Errorf("%s: %q spells %s: use the name", fset.Position(lit.Pos()), s, name)
			}
			return true
		})
	}
}

// valueNames are the fields, variables and calls through which a value
// reaches conversations or a button.
var valueNames = []string{"Action", "Value", "action", "value", "homeButton", "press", "BlockAction", "NewButtonBlockElement"}

// valuePosition reports whether the literal at the top of stack is used as
// a value: a field or variable named in valueNames, an argument of a call
// named there, or compared with one.
func valuePosition(stack []ast.Node) bool {
	lit := stack[len(stack)-1]
	parent := stack[len(stack)-2]
	named := func(e ast.Expr) bool {
		switch e := e.(type) {
		case *ast.Ident:
			return slices.Contains(valueNames, e.Name)
		case *ast.SelectorExpr:
			return slices.Contains(valueNames, e.Sel.Name)
		}
		return false
	}
	switch p := parent.(type) {
	case *ast.KeyValueExpr:
		return p.Value == lit && named(p.Key)
	case *ast.CallExpr:
		return named(p.Fun)
	case *ast.BinaryExpr:
		return named(p.X) || named(p.Y)
	case *ast.AssignStmt:
		return slices.ContainsFunc(p.Lhs, named)
	case *ast.ValueSpec:
		for _, id := range p.Names {
			if named(id) {
				return true
			}
		}
	case *ast.CaseClause:
		if len(stack) >= 4 {
			if sw, ok := stack[len(stack)-4].(*ast.SwitchStmt); ok && sw.Tag != nil {
				return named(sw.Tag)
			}
		}
	}
	return false
}
