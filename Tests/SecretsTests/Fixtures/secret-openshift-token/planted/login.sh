#!/bin/sh
oc login --token=sha256~ROZ4p5mUAeBH82DaytwIM1F-qz60DYCA2HbSoiF82Fh --server=https://api.ocp.acme.internal:6443
