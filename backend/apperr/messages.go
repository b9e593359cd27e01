package apperr

import (
	"embed"
	"encoding/json"
	"strings"
	"sync"
)

// The catalogs are flat {"key": "text"} JSON with {name} placeholders filled from Details;
// the frontend imports the same files, so the UI and the CLI say the same thing.
//
//go:embed messages/en.json messages/vi.json
var messageFiles embed.FS

// Languages are the catalogs shipped; the first is the fallback for anything missing.
var Languages = []string{"en", "vi"}

// unknownDetail is the key of the text that stands in for a placeholder without a detail.
const unknownDetail = "detail.unknown"

var catalogs = sync.OnceValue(func() map[string]map[string]string {
	all := map[string]map[string]string{}
	for _, lang := range Languages {
		b, err := messageFiles.ReadFile("messages/" + lang + ".json")
		if err != nil {
			panic("apperr: missing embedded catalog " + lang + ": " + err.Error())
		}
		m := map[string]string{}
		if err := json.Unmarshal(b, &m); err != nil {
			panic("apperr: broken catalog " + lang + ": " + err.Error())
		}
		all[lang] = m
	}
	return all
})

// normalizeLang maps "vi", "vi-VN", "vi_VN" to "vi"; anything unknown to English.
func normalizeLang(lang string) string {
	lang = strings.ToLower(lang)
	for _, l := range Languages {
		if lang == l || strings.HasPrefix(lang, l+"-") || strings.HasPrefix(lang, l+"_") {
			return l
		}
	}
	return Languages[0]
}

// Text returns the catalog text for key in lang (English when lang lacks it) with its
// {placeholders} filled from details; ok is false when no catalog has the key.
func Text(lang, key string, details map[string]string) (text string, ok bool) {
	lang = normalizeLang(lang)
	cats := catalogs()
	text, ok = cats[lang][key]
	if !ok {
		text, ok = cats[Languages[0]][key]
	}
	if !ok {
		return "", false
	}
	return fill(text, details, cats[lang][unknownDetail]), true
}

// fill replaces each {name} by details[name], or by unknown when the detail is missing.
func fill(text string, details map[string]string, unknown string) string {
	if !strings.Contains(text, "{") {
		return text
	}
	var b strings.Builder
	for {
		open := strings.IndexByte(text, '{')
		if open < 0 {
			break
		}
		end := strings.IndexByte(text[open:], '}')
		if end < 0 {
			break
		}
		name := text[open+1 : open+end]
		b.WriteString(text[:open])
		if v, ok := details[name]; ok && v != "" {
			b.WriteString(v)
		} else {
			b.WriteString(unknown)
		}
		text = text[open+end+1:]
	}
	b.WriteString(text)
	return b.String()
}

// Message is the error's sentence for a person, in lang ("en", "vi"; regional forms accepted).
func Message(e *Error, lang string) string {
	if e == nil {
		return ""
	}
	key := e.Key
	if key == "" {
		key = "error." + string(e.Code)
	}
	if text, ok := Text(lang, key, e.Details); ok {
		return text
	}
	if text, ok := Text(lang, "error."+string(e.Code), e.Details); ok {
		return text
	}
	text, _ := Text(lang, "error."+string(Internal), e.Details)
	return text
}

// HintText is what the person can do next, or "" when the error has no hint.
func HintText(e *Error, lang string) string {
	if e == nil || e.Hint == "" {
		return ""
	}
	if text, ok := Text(lang, e.Hint, e.Details); ok {
		return text
	}
	text, _ := Text(lang, hintFor(e.Code), e.Details)
	return text
}

// Line is the one-line form for the CLI's stderr: code, message and hint.
func (e *Error) Line(lang string) string {
	line := string(e.Code) + ": " + Message(e, lang)
	if hint := HintText(e, lang); hint != "" {
		line += " " + hint
	}
	return line
}
