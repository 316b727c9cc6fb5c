# The README's commands. `make test` is also what CI (.ci/run) runs, with the
# real PostgreSQL and Redis exported; without them the tests use SQLite and
# an in-process Redis.

.PHONY: run test bench vet build

run:
	go run ./cmd/petitiond

test:
	go test -count=1 -timeout 12m ./...

bench:
	go test -run '^$$' -bench . -benchmem ./...

vet:
	go vet ./...

build:
	go build -o petitiond ./cmd/petitiond
