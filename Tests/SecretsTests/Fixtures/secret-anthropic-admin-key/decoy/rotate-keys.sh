#!/bin/sh
: "${ANTHROPIC_ADMIN_KEY:?an sk-ant-admin01-... key from the Console}"
