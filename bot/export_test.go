package bot

import "time"

// SetOutboxWaits sets how long a reply that could not be posted waits
// before its next try: first after one failure, at most most.
func (b *Bot) SetOutboxWaits(first, most time.Duration) { b.outbox.setWaits(first, most) }
