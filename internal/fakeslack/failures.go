package fakeslack

import (
	"context"
	"math"
	"net/http"
	"strconv"
	"time"
)

// Failure is what FailNext makes a call answer instead of its usual reply.
// Build one with RateLimited, SlackError, ServerError or Delay, or fill it in.
type Failure struct {
	// Status is the HTTP status. 0 means 200: with Error set the answer is
	// {"ok":false,"error":Error}; with neither set the call is only delayed
	// and then handled as usual.
	Status int
	// RetryAfter is the Retry-After header, in whole seconds, sent with a
	// 429 (Slack only sends integers; "0" is sent for 0).
	RetryAfter int
	// NoRetryAfter leaves the Retry-After header off a 429 (slack-go then
	// returns a StatusCodeError instead of a RateLimitedError).
	NoRetryAfter bool
	// Error is the Slack error code.
	Error string
	// Delay holds the answer back this long (cut short if the client goes
	// away or the server closes).
	Delay time.Duration
	// Keep handles the call as usual (a message is posted and kept) before
	// answering with the failure: Slack's edge failing after its backend
	// did the work, which a client that retries blind would double.
	Keep bool
}

// RateLimited is an HTTP 429 with Retry-After: retryAfter seconds (0 is
// allowed) and the body {"ok":false,"error":"ratelimited"}, as Slack sends.
func RateLimited(retryAfter int) Failure {
	return Failure{Status: http.StatusTooManyRequests, RetryAfter: retryAfter}
}

// SlackError is a 200 answer {"ok":false,"error":code}.
func SlackError(code string) Failure { return Failure{Error: code} }

// ServerError is an HTTP 500 with an HTML body, as Slack's edge sends.
func ServerError() Failure { return Failure{Status: http.StatusInternalServerError} }

// KeptButFailed posts (keeps) what the call asked for, then answers with an
// HTTP 500 as if it had failed.
func KeptButFailed() Failure { return Failure{Status: http.StatusInternalServerError, Keep: true} }

// Delay answers as usual, d late.
func Delay(d time.Duration) Failure { return Failure{Delay: d} }

func (f Failure) replaces() bool { return f.Status != 0 || f.Error != "" }

func (f Failure) response() response {
	status := f.Status
	if status == 0 {
		status = http.StatusOK
	}
	switch {
	case status == http.StatusTooManyRequests:
		r := jsonResponse(status, slackErr(orDefault(f.Error, "ratelimited")))
		if !f.NoRetryAfter {
			r.retryAfter = strconv.Itoa(f.RetryAfter)
		}
		return r
	case status == http.StatusOK:
		return jsonResponse(status, slackErr(f.Error))
	case f.Error != "":
		return jsonResponse(status, slackErr(f.Error))
	default:
		return response{
			status:      status,
			contentType: "text/html; charset=utf-8",
			body:        []byte("<html><body><h1>" + strconv.Itoa(status) + " " + http.StatusText(status) + "</h1></body></html>\n"),
		}
	}
}

type pendingFailure struct {
	f    Failure
	left int
}

// FailNext makes the next n calls to method answer with f instead of their
// usual reply. method "*" matches any method that has no failure of its
// own pending. Calls to FailNext queue up: the first one's n calls fail
// first. n <= 0 clears the failures pending for method.
func (s *Server) FailNext(method string, n int, f Failure) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if n <= 0 {
		delete(s.failures, method)
		return
	}
	s.failures[method] = append(s.failures[method], &pendingFailure{f: f, left: n})
}

// takeFailure pops the failure that applies to the next call to method.
func (s *Server) takeFailure(method string) (Failure, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, key := range []string{method, "*"} {
		q := s.failures[key]
		if len(q) == 0 {
			continue
		}
		f := q[0].f
		q[0].left--
		if q[0].left <= 0 {
			q = q[1:]
		}
		if len(q) == 0 {
			delete(s.failures, key)
		} else {
			s.failures[key] = q
		}
		s.notifyLocked()
		return f, true
	}
	return Failure{}, false
}

// sleep waits d, or less if ctx ends or the server closes.
func (s *Server) sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	case <-s.done:
	}
}

// bucket is a token bucket on real (monotonic) time.
type bucket struct {
	rate   float64 // tokens per second
	burst  float64
	tokens float64
	last   time.Time
}

// take spends a token, or says how long until one is available.
func (b *bucket) take(now time.Time) (bool, time.Duration) {
	b.tokens = math.Min(b.burst, b.tokens+now.Sub(b.last).Seconds()*b.rate)
	b.last = now
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	return false, time.Duration((1 - b.tokens) / b.rate * float64(time.Second))
}

// RateLimit enforces a token bucket on method: perSecond calls a second on
// average, bursts of up to burst (at least 1). A call over the limit gets a
// 429 with Retry-After set to the whole seconds until a token is free (at
// least 1), and is counted by Throttled. perSecond <= 0 removes the limit.
func (s *Server) RateLimit(method string, perSecond float64, burst int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if perSecond <= 0 {
		delete(s.limits, method)
		return
	}
	burst = max(burst, 1)
	s.limits[method] = &bucket{rate: perSecond, burst: float64(burst), tokens: float64(burst), last: time.Now()}
}

// checkLimit spends a token of method's bucket, if it has one. It returns
// the Retry-After seconds when the call is over the limit.
func (s *Server) checkLimit(method string) (int, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	b := s.limits[method]
	if b == nil {
		return 0, false
	}
	ok, wait := b.take(time.Now())
	if ok {
		return 0, false
	}
	return max(1, int(math.Ceil(wait.Seconds()))), true
}

// Throttled is how many 429s the fake has answered calls to method with
// (from RateLimit and from FailNext) since the last Reset.
func (s *Server) Throttled(method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.throttled[method]
}

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}
