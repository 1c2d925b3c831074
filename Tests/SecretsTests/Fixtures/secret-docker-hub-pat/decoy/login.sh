echo "$DOCKERHUB_TOKEN" | docker login -u acme --password-stdin  # a dckr_pat_ token
