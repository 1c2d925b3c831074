#!/bin/sh
export GITHUB_TOKEN=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
gh release create "$TAG"
