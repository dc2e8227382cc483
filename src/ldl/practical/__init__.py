"""Stage 1 helpers around fastai: thin, documented glue that the labs and reference runs share.

    loaders         fastai DataLoaders from in-memory arrays: images, characters, ratings
    callbacks       `RunLogger`, a fastai Callback that writes a Learner's metrics to an ldl Run
    language_model  `CharLSTM`, a character language model that carries its state across batches
    sampling        temperature sampling from a language model's logits
    sentiment       a bag-of-words classifier and the pretrained MiniLM sentence encoder
    recommend       top-N recommendations, look-alike items and a 2-D map from a collab model
    pets            Oxford-IIIT Pets (with internet): loader and an ImageNet-pretrained learner
    runs            what the reference runs share (their result type, the start of a run)
    vision          reference run: Fashion-MNIST with a small fastai CNN (>= 91% in 5 minutes)
    text            reference run: a character language model and a transferred sentiment classifier
    collab          reference run: MovieLens collaborative filtering against scikit-surprise's SVD

Nothing here is imported by `import ldl.practical`; import the module you need (torch and fastai
load only then).
"""
