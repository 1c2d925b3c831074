#!/bin/sh
TOKEN="7866924472:AAUdpPghtunhmJjKOPJQRTFAA1ooP25iHLi"
CHAT_ID=-1001234567890
curl -s "https://api.telegram.org/bot$TOKEN/sendMessage" -d chat_id="$CHAT_ID" -d text="$1"
