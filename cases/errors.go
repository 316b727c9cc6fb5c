package cases

import (
	"errors"
	"fmt"
)

// Domain errors. Transports map them to HTTP status codes and polite bot
// replies in one place each.
var (
	ErrNotFound            = errors.New("case not found")
	ErrInvalidTransition   = errors.New("action not allowed in the case's current status")
	ErrIdempotencyConflict = errors.New("idempotency key reused with a different request")
	ErrConflict            = errors.New("case changed concurrently")
	// ErrAlreadyEvaluated: the follow-up of this round was already answered.
	ErrAlreadyEvaluated = errors.New("case already evaluated")
)

// TransitionError says which action was refused from which status.
type TransitionError struct {
	From   Status
	Action Action
}

func (e *TransitionError) Error() string {
	return fmt.Sprintf("cannot %s a case that is %s", e.Action, e.From)
}

// Unwrap makes errors.Is(err, ErrInvalidTransition) true.
func (e *TransitionError) Unwrap() error { return ErrInvalidTransition }

// ValidationError names the input field that is wrong and says why in words
// a citizen understands.
type ValidationError struct {
	Field   string
	Message string
}

func (e *ValidationError) Error() string { return e.Field + ": " + e.Message }

func invalid(field, msg string) error { return &ValidationError{Field: field, Message: msg} }
