#!/bin/sh
snyk auth 980dd1ad-7a96-4ae3-a051-2cfe22953b6c
snyk test --all-projects
