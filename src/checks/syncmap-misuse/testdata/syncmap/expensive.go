// Get-or-create whose created value is expensive: the fix is offered as unsafe.
package syncmap

import (
	"os"
	"sync"
)

type Template struct{ text string }

var templates sync.Map

func parseTemplate(name string) *Template {
	data, err := os.ReadFile(name)
	if err != nil {
		return &Template{}
	}
	return &Template{text: string(data)}
}

func loadTemplate(name string) *Template {
	if v, ok := templates.Load(name); ok {
		return v.(*Template)
	}
	t := parseTemplate(name)
	templates.Store(name, t) // want `LoadOrStore.*sync\.Once per entry`
	return t
}
