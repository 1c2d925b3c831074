FROM ubuntu:24.04 AS build
ADD https://example.com/releases/tool-linux-amd64 /usr/local/bin/tool
RUN curl -fsSL https://deb.nodesource.com/setup_20.x | bash - \
    && apt-get install -y nodejs

FROM build
RUN ["/bin/bash", "-c", "wget -qO- https://get.example.dev | sh"]
RUN <<EOF
set -eu
sh -c "$(curl -fsSL https://raw.githubusercontent.com/ohmyzsh/ohmyzsh/master/tools/install.sh)"
EOF
RUN bash <<EOF
python3 <(curl -sSL https://install.python-poetry.org)
EOF
