FROM debian:bookworm-slim
COPY . /src
ADD rootfs.tar.xz /
ADD ["vendor.tgz", "/opt/"]
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/app.jar /opt/app.jar
ADD git@github.com:acme/config.git#v1.2.0 /etc/acme
ADD ${ARTIFACT} /opt/
