FROM nginx:1.27
EXPOSE 80 443/tcp
EXPOSE 2222 220
# DNS over UDP, and a port range above 22.
EXPOSE 22/udp 23-25
EXPOSE $PORT
