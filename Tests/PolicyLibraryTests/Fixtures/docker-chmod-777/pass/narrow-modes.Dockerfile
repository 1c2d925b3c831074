FROM alpine:3.20
COPY --chmod=755 entrypoint.sh /usr/local/bin/
COPY --chown=app:app --chmod=0644 config.yaml /etc/app/
# The sticky bit keeps a shared folder safe, as on /tmp.
RUN mkdir -p /shared && chmod 1777 /shared \
    && chmod -R u+rwX,go-w /srv \
    && chmod +x /usr/local/bin/entrypoint.sh \
    && chmod 775 /var/cache/app \
    && echo "never chmod 777" > /README
RUN ["chmod", "o-w", "/etc/app"]
