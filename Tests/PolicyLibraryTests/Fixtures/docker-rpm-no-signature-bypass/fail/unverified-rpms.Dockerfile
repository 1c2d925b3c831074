FROM fedora:40 AS build
RUN curl -fsSLO https://downloads.example.com/tool.rpm \
    && rpm -ivh --nosignature --nodigest tool.rpm
RUN ["rpm", "--upgrade", "--noverify", "/tmp/lib.rpm"]

FROM fedora:40
RUN <<EOF
rpm -Uvh --nofiledigest /tmp/agent.rpm
EOF
