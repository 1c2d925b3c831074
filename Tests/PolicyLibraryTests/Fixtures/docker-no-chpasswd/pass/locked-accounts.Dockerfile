FROM debian:bookworm-slim
# Accounts without passwords; passwd -l locks one.
RUN useradd --system --create-home app \
    && passwd -l root \
    && echo "run chpasswd on the host, not here"
RUN adduser --disabled-password --gecos "" worker
USER app
