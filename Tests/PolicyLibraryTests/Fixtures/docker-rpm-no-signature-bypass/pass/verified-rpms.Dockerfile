FROM fedora:40
RUN rpm --import https://downloads.example.com/RPM-GPG-KEY \
    && rpm -K /tmp/tool.rpm \
    && rpm -ivh /tmp/tool.rpm
# queries install nothing
RUN rpm -qa --nosignature --nodigest | sort > /tmp/packages.txt
