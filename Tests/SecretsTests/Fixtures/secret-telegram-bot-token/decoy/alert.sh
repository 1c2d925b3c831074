#!/bin/sh
TOKEN="${TELEGRAM_BOT_TOKEN}"
# the documentation writes 123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11
