package uploads_test

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/png"
	"io"
	"testing"
	"time"

	"petitiond/store"
	"petitiond/store/storetest"
	"petitiond/uploads"
)

func TestServiceOnBothBackends(t *testing.T) {
	storetest.Backends(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		blobs, err := uploads.NewLocal(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		now := time.Date(2026, 11, 2, 2, 0, 0, 0, time.UTC)
		svc := uploads.NewService(blobs, st, func() time.Time { return now })
		var b bytes.Buffer
		png.Encode(&b, image.NewGray(image.Rect(0, 0, 5, 5)))

		u, err := svc.Save(ctx, "alice", b.Bytes())
		if err != nil || u.MIME != uploads.PNG || u.Size != int64(b.Len()) || !u.CreatedAt.Equal(now) {
			t.Fatalf("save: %+v %v", u, err)
		}
		again, _ := svc.Save(ctx, "alice", b.Bytes())
		bob, _ := svc.Save(ctx, "bob", b.Bytes())
		if again.ID != u.ID || bob.ID == u.ID || bob.SHA256 != u.SHA256 {
			t.Errorf("dedup per owner: %s %s %s", u.ID, again.ID, bob.ID)
		}
		got, bad, err := svc.Owned(ctx, []string{"alice"}, []string{u.ID})
		if err != nil || len(got) != 1 || got[0] != *u || bad != "" {
			t.Errorf("owned: %+v %q %v", got, bad, err)
		}
		if _, bad, err := svc.Owned(ctx, []string{"alice"}, []string{u.ID, bob.ID}); !errors.Is(err, uploads.ErrNotFound) || bad != bob.ID {
			t.Errorf("bob's upload owned by alice: %q %v", bad, err)
		}
		if _, bad, err := svc.Owned(ctx, []string{"alice"}, []string{"missing"}); !errors.Is(err, uploads.ErrNotFound) || bad != "missing" {
			t.Errorf("missing: %q %v", bad, err)
		}
		_, data, err := svc.Open(ctx, []string{"bob"}, bob.ID)
		if err != nil || !bytes.Equal(data, b.Bytes()) {
			t.Errorf("open: %v", err)
		}
		r, err := blobs.Open(ctx, u.SHA256)
		if err != nil {
			t.Fatal(err)
		}
		stored, _ := io.ReadAll(r)
		r.Close()
		if !bytes.Equal(stored, b.Bytes()) {
			t.Error("blob differs")
		}
		for _, tt := range []struct {
			data []byte
			err  error
		}{{nil, uploads.ErrEmpty}, {[]byte("plain text"), uploads.ErrUnsupportedType}, {make([]byte, uploads.MaxBytes+1), uploads.ErrTooLarge}} {
			if _, err := svc.Save(ctx, "alice", tt.data); !errors.Is(err, tt.err) {
				t.Errorf("save %d bytes: %v, want %v", len(tt.data), err, tt.err)
			}
		}
		if _, err := blobs.Open(ctx, "../../etc/passwd"); err == nil {
			t.Error("a path as blob key was accepted")
		}
	})
}
