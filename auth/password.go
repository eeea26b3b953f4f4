package auth

import (
	"crypto/rand"
	"sync"
	"unicode/utf8"

	"ansinh"

	"golang.org/x/crypto/bcrypt"
)

// DefaultCost is the bcrypt cost of stored passwords (a tenth to a half of a
// second, depending on the server: slow for a guesser, quick for a person).
const DefaultCost = 11

// MinPasswordLength is the shortest password accepted.
const MinPasswordLength = 10

// ErrWeakPassword is returned for a password too short or too long.
var ErrWeakPassword = ansinh.Invalid("password",
	"Mật khẩu phải có từ 10 đến 72 ký tự.", "The password must have 10 to 72 characters.")

// HashPassword returns the bcrypt hash of password at the cost (0:
// DefaultCost).
func HashPassword(password string, cost int) (string, error) {
	if utf8.RuneCountInString(password) < MinPasswordLength || len(password) > 72 {
		return "", ErrWeakPassword
	}
	if cost == 0 {
		cost = DefaultCost
	}
	h, err := bcrypt.GenerateFromPassword([]byte(password), cost)
	if err != nil {
		return "", err
	}
	return string(h), nil
}

// CheckPassword reports whether password matches the hash.
func CheckPassword(hash, password string) bool {
	err := bcrypt.CompareHashAndPassword([]byte(hash), []byte(password))
	return err == nil
}

// dummyHashes are compared against when the login is unknown, so that an
// unknown login takes as long as a wrong password; one per cost, made on
// first use.
var dummyHashes sync.Map // cost → []byte

func checkDummy(password string, cost int) {
	if cost == 0 {
		cost = DefaultCost
	}
	h, ok := dummyHashes.Load(cost)
	if !ok {
		b, _ := bcrypt.GenerateFromPassword([]byte("không-có-tài-khoản-này"), cost)
		h, _ = dummyHashes.LoadOrStore(cost, b)
	}
	_ = bcrypt.CompareHashAndPassword(h.([]byte), []byte(password))
}

// passwordAlphabet has no look-alike characters (0/O, 1/l/I).
const passwordAlphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

// GeneratePassword returns a random password of 16 characters from an
// alphabet without look-alikes (about 93 bits).
func GeneratePassword() string {
	const n = len(passwordAlphabet)
	out := make([]byte, 0, 16)
	var buf [32]byte
	for len(out) < 16 {
		rand.Read(buf[:])
		for _, c := range buf {
			// Keep only bytes below a multiple of n, so that every
			// character is equally likely.
			if int(c) < 256-256%n && len(out) < 16 {
				out = append(out, passwordAlphabet[int(c)%n])
			}
		}
	}
	return string(out)
}
