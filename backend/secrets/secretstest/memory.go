// Package secretstest is an in-memory stand-in for the OS keychain, for unit tests of code
// that stores secrets. The keychain itself is tested against the real Secret Service; nothing
// outside tests may use this (it would be the plaintext fallback the app must never have).
package secretstest

import (
	"context"
	"sync"

	"vpack-s3-sync/backend/apperr"
	"vpack-s3-sync/backend/secrets"
)

// Memory holds secrets by connection ID, answering like the keychain does.
type Memory struct {
	mu sync.Mutex
	m  map[int64]secrets.Secret
}

// New returns an empty keychain.
func New() *Memory { return &Memory{m: map[int64]secrets.Secret{}} }

func (s *Memory) Set(_ context.Context, id int64, v secrets.Secret) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[id] = v
	return nil
}

func (s *Memory) Get(_ context.Context, id int64) (secrets.Secret, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.m[id]
	if !ok {
		return secrets.Secret{}, apperr.New(apperr.KeychainNotFound)
	}
	return v, nil
}

func (s *Memory) Delete(_ context.Context, id int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, id)
	return nil
}

// Len is how many secrets are held.
func (s *Memory) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.m)
}
