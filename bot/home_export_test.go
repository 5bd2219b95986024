package bot

// UpdateGolden says whether `go test -update` asked for golden files to be
// rewritten, for the golden tests of package bot_test.
func UpdateGolden() bool { return *update }
