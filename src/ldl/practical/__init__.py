"""Stage 1 helpers around fastai: thin, documented glue that the labs and reference runs share.

    loaders     fastai DataLoaders from in-memory arrays (images, text, ratings) and the
                Oxford-IIIT Pets folder layout
    callbacks   `RunLogger`, a fastai Callback that writes a Learner's metrics to an ldl Run
    sampling    temperature sampling from a language model's logits
    recommend   top-N recommendations and nearest items from a trained collab model
    runs        the result type the reference runs share
    vision      reference run: Fashion-MNIST with a small fastai CNN (>= 91% in 5 minutes)
    text        reference run: a character language model and a transferred sentiment classifier
    collab      reference run: MovieLens collaborative filtering against scikit-surprise's SVD

Nothing here is imported by `import ldl.practical`; import the module you need (torch and fastai
load only then).
"""
