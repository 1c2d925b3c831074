echo dckr_pat_8uLtKKqiG4V_1dSHS5XFdqECieb | docker login -u acme --password-stdin
