package platform

import (
	"os"
	"path/filepath"
	"testing"
)

func TestDataDirUsesEnvOverrideAndCreatesFolders(t *testing.T) {
	home := filepath.Join(t.TempDir(), "with space", "home")
	t.Setenv(EnvHome, home)

	data, err := DataDir()
	if err != nil {
		t.Fatal(err)
	}
	if data != home {
		t.Fatalf("DataDir = %q, want %q", data, home)
	}
	logs, err := LogDir()
	if err != nil {
		t.Fatal(err)
	}
	if logs != filepath.Join(home, "logs") {
		t.Fatalf("LogDir = %q", logs)
	}
	db, err := DBPath()
	if err != nil {
		t.Fatal(err)
	}
	if db != filepath.Join(home, DBFileName) {
		t.Fatalf("DBPath = %q", db)
	}
	for _, dir := range []string{data, logs} {
		st, err := os.Stat(dir)
		if err != nil || !st.IsDir() {
			t.Fatalf("%s not created: %v", dir, err)
		}
	}
}

func TestDataDirDefaultsToUserConfigDir(t *testing.T) {
	t.Setenv(EnvHome, "")
	cfg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfg) // Linux; os.UserConfigDir reads it
	t.Setenv("HOME", cfg)            // macOS/other unix fallback
	t.Setenv("AppData", cfg)         // Windows
	base, err := os.UserConfigDir()
	if err != nil {
		t.Skipf("no user config dir on this OS: %v", err)
	}
	data, err := DataDir()
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(base, AppDirName); data != want {
		t.Fatalf("DataDir = %q, want %q", data, want)
	}
}

func TestDataDirMakesRelativeOverrideAbsolute(t *testing.T) {
	t.Chdir(t.TempDir())
	t.Setenv(EnvHome, "rel")
	data, err := DataDir()
	if err != nil {
		t.Fatal(err)
	}
	if !filepath.IsAbs(data) {
		t.Fatalf("DataDir = %q, want absolute", data)
	}
}
