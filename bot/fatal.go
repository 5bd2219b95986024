package bot

import "sync"

// fatalState records the first error that makes the bot useless (Slack
// revoked or refused its token): readiness turns false at once and `serve`
// exits with the reason instead of acknowledging messages it can never
// answer.
type fatalState struct {
	once sync.Once
	done chan struct{}
	err  error
}

func newFatalState() *fatalState { return &fatalState{done: make(chan struct{})} }

func (f *fatalState) set(err error) {
	f.once.Do(func() {
		f.err = err
		close(f.done)
	})
}

// Fatal is closed once the bot cannot go on (see FatalErr).
func (b *Bot) Fatal() <-chan struct{} { return b.fatal.done }

// FatalErr is why the bot cannot go on, or nil while it can.
func (b *Bot) FatalErr() error {
	select {
	case <-b.fatal.done:
		return b.fatal.err
	default:
		return nil
	}
}
