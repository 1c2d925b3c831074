class Storage {
    private static final BasicAWSCredentials CREDS =
        new BasicAWSCredentials("AKIA454ML6LG4TJFCZ4K", "biheyEd7P4zDL+ak6J0kGODKdinZnLXicaBAg8WY");
}
