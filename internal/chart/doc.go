// Package chart draws Cairn's pictures of progress as PNG images: steps done
// (against steps planned) per session, and a member's cairn of stones, one
// stone per finished step. It knows nothing of Slack or of the store: it is
// given labels, counts and words, and returns bytes.
//
// Axes, fonts and PNG encoding come from gonum.org/v1/plot (BSD-3,
// maintained): they are not Cairn's to write.
package chart
