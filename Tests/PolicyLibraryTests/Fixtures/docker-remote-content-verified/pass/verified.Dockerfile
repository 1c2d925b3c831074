FROM alpine:3.20
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d \
    https://example.com/tool-1.2.3.tar.gz /tmp/
# Git sources are not judged here; local archives are not downloads.
ADD https://github.com/moby/buildkit.git#v0.14.1 /src/buildkit
ADD vendor.tar.gz /opt/vendor/
RUN curl -fsSLo /tmp/install.sh https://example.com/install.sh \
    && echo "d2a8f3c1e4b5a6978877665544332211ffeeddccbbaa99887766554433221100  /tmp/install.sh" | sha256sum -c - \
    && sh /tmp/install.sh
RUN curl -fsSL https://example.com/key.asc | gpg --dearmor -o /usr/share/keyrings/example.gpg
RUN python3 <<EOF
import urllib.request
print(urllib.request.urlopen("https://example.com").status)
EOF
