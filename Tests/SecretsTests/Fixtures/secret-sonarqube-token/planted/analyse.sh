#!/bin/sh
mvn -B verify sonar:sonar -Dsonar.host.url=https://sonar.acme.io -Dsonar.login=c04957c33bfb80f9ecafca07b76f04c89fefef85
