ARG GIT_SSL_NO_VERIFY=1
FROM alpine/git:2.45.2 AS source
ARG GIT_SSL_NO_VERIFY
RUN git -c http.sslVerify=false clone https://git.internal.example/app.git /src
RUN ["git", "config", "--global", "http.https://git.internal.example/.sslVerify", "false"]

FROM alpine/git:2.45.2
ENV GIT_SSL_NO_VERIFY=false
RUN <<EOF
printf '[http]\n\tsslVerify = false\n' >> /root/.gitconfig
git submodule update --init
EOF
