package store

import (
	"context"
	"fmt"
)

// ReserveTrackingSeq reserves n sequence numbers of a day in a short
// transaction of its own, so that the day's counter row is locked for
// microseconds rather than for every case's whole transaction.
func (s *Store) ReserveTrackingSeq(ctx context.Context, day string, n int) (int64, error) {
	var next int64
	err := s.db.QueryRowContext(ctx, `INSERT INTO tracking_counters (day, next) VALUES ($1, $2)
		ON CONFLICT (day) DO UPDATE SET next = tracking_counters.next + $3 RETURNING next`, day, int64(1+n), int64(n)).Scan(&next)
	if err != nil {
		return 0, fmt.Errorf("reserve tracking numbers for %s: %w", day, err)
	}
	return next - int64(n), nil
}
