-- 0003_learning_rate: the learning rate of each epoch's last optimizer step (NULL for epochs
-- stored before it was recorded).
ALTER TABLE epochs ADD COLUMN learning_rate REAL;
