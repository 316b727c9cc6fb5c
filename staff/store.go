package staff

import (
	"context"
	"time"

	"petitiond/cases"
)

// Store is what the staff domain needs from storage; store.Store implements it.
type Store interface {
	// InsertAccount returns ErrAccountExists for a taken username.
	InsertAccount(ctx context.Context, a *Account) error
	// Account returns ErrNoAccount when there is none.
	Account(ctx context.Context, username string) (*Account, error)
	UpdateAccount(ctx context.Context, a *Account) error
	Accounts(ctx context.Context) ([]*Account, error)

	InsertToken(ctx context.Context, t *Token) error
	// TokenByHash returns ErrNoToken for an unknown or revoked token.
	TokenByHash(ctx context.Context, hash string) (*Token, error)
	Token(ctx context.Context, id int64) (*Token, error)
	// Tokens lists a unit's tokens (every unit's when unit is empty).
	Tokens(ctx context.Context, unit string) ([]*Token, error)
	RevokeToken(ctx context.Context, id int64, at time.Time) error

	// AppendAudit adds one row to the append-only audit log.
	AppendAudit(ctx context.Context, e *AuditEntry) error
	AuditLog(ctx context.Context, q AuditQuery) ([]AuditEntry, int, error)

	cases.CaseSearcher
}
