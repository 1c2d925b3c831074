FROM debian:bookworm-slim
# the vendor key is checked and named by signed-by
COPY vendor.gpg /etc/apt/keyrings/vendor.gpg
RUN echo "deb [signed-by=/etc/apt/keyrings/vendor.gpg] https://apt.vendor.example/ stable main" \
        > /etc/apt/sources.list.d/vendor.list \
    && apt-get update \
    && apt-get install -y --no-install-recommends --allow-downgrades vendor-tool \
    && echo "--allow-unauthenticated is forbidden here" \
    && rm -rf /var/lib/apt/lists/*
RUN apt-get -o APT::Get::AllowUnauthenticated=false install -y curl
