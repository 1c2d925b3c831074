const client = new Maps({ key: "AIzajBzbG8hDLt-JdOgOvypOTfNhnHElHKHWzgd" });
