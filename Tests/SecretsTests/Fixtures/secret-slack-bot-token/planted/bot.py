client = WebClient(token="xoxb-134528838646-0132718133385-CDMqOVCycxWxNW16FaIxMTjk")
