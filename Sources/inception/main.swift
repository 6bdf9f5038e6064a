print("inception")
