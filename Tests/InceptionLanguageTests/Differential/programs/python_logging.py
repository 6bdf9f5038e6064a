# logging as a training script uses it: records go to standard error (not compared here), so
# this checks the calls run and the program's own prints are PyTorch's.
import logging
import torch
logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
log = logging.getLogger("train")
info = logging.getLogger("detached").info          # the method outlives its logger
for epoch in range(2):
    loss = torch.tensor(0.5) / (epoch + 1)
    log.info("epoch %d loss %.3f", epoch, loss.item())
    info("step %s", epoch)
    print(f"epoch {epoch}: loss {loss.item():.4f}")
log.debug("not shown at INFO")
logging.warning("done")
print(log.name, logging.INFO, logging.WARNING, logging.getLogger().name)
