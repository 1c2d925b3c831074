FROM alpine:3.20
COPY corp-ca.pem /etc/ssl/certs/corp-ca.pem
RUN wget --ca-certificate=/etc/ssl/certs/corp-ca.pem -O /tmp/tool.tgz https://downloads.internal.example/tool.tgz \
    && echo "wget --no-check-certificate is forbidden" \
    && echo "check_certificate = on" >> /etc/wgetrc
