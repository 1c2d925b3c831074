ARG GIT_SSL_NO_VERIFY
FROM alpine/git:2.45.2
COPY corp-ca.pem /etc/ssl/corp-ca.pem
ENV GIT_SSL_CAINFO=/etc/ssl/corp-ca.pem
RUN git config --global http.sslCAInfo /etc/ssl/corp-ca.pem \
    && git config --global http.sslVerify true \
    && echo "GIT_SSL_NO_VERIFY=1 is not used" \
    && git clone https://git.internal.example/app.git /src
